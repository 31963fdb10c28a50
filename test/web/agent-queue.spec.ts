import { expect, it } from 'vitest';
import { AgentDesk, alertCount, customerDevices, recordNotifications } from './support/agent.page';
import { describeInBrowser } from './support/browser.suite';
import { openPage, screenshot } from './support/web.app';

interface Consultation {
  state: string;
  group: string | null;
  agentId: string | null;
  accepted: boolean;
}

describeInBrowser('agent desktop: queue, transfer, customer panel, registration', (suite) => {
  const connectCustomer = customerDevices(suite);

  const consultation = (id: string) =>
    suite.app
      .api('supervisor-check', 'supervisor')
      .call<Consultation>('GET', `/v1/consultations/${id}`);

  it('shows a waiting customer in the queue while away, then takes them when online', async () => {
    const { app, browser } = suite;
    await app.agent('bo', { groups: ['billing-desk'], status: 'away' });
    const { context, page } = await openPage(browser, 'about:blank');
    await recordNotifications(context);
    const desk = new AgentDesk(page);
    await desk.signIn(app.url, 'bo');
    await expect.poll(() => desk.status('Away').isChecked()).toBe(true);
    await page.getByRole('heading', { name: /Queue/ }).waitFor();

    const customer = await connectCustomer('cust-queued');
    await customer.client.openConsultation({
      domain: 'shop',
      group: 'billing-desk',
      subject: 'Double charge',
    });
    const waiting = desk.queue.getByRole('listitem').filter({ hasText: 'cust-queued' });
    // Listed once opened; its position follows when the router has queued it ("#–" until then).
    await expect.poll(() => waiting.textContent()).toMatch(/#1 · waiting \d+s/);
    await expect.poll(() => alertCount(page)).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'agent-desktop-queue');

    // Going online drains the queue to this agent.
    await desk.setStatus('Online');
    await desk.item('cust-queued').waitFor();
    await expect.poll(() => desk.queue.getByRole('listitem').count()).toBe(0);
    await context.close();
  });

  it('transfers one consultation to a group and another to an agent', async () => {
    const { app, browser } = suite;
    await app.agent('cy', { groups: ['sales-desk'] });
    await app.agent('dee', { groups: ['backoffice'] }); // online, in another group: not routed these
    const { page, context } = await openPage(browser, 'about:blank');
    const desk = new AgentDesk(page);
    await desk.signIn(app.url, 'cy');
    const opened: Record<string, string> = {};
    for (const customerId of ['cust-to-group', 'cust-to-agent']) {
      const customer = await connectCustomer(customerId);
      const c = await customer.client.openConsultation({ domain: 'shop', group: 'sales-desk' });
      opened[customerId] = c.id;
      await desk.item(customerId).click();
      await page.getByRole('button', { name: 'Accept', exact: true }).click();
      await page.getByRole('button', { name: 'Resolve', exact: true }).waitFor();
    }

    await desk.item('cust-to-group').click();
    await page.getByText('Transfer…').click();
    await page.getByLabel('Transfer to').selectOption('group');
    await page.getByRole('combobox', { name: 'Group' }).fill('refunds');
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect.poll(() => desk.item('cust-to-group').count()).toBe(0);
    const toGroup = await consultation(opened['cust-to-group']!);
    expect([toGroup.state, toGroup.group]).toEqual(['pending', 'refunds']);

    await desk.item('cust-to-agent').click();
    await page.getByText('Transfer…').click();
    await page.getByLabel('Transfer to').selectOption('agent');
    await page.getByRole('combobox', { name: /^Agent/ }).selectOption('dee');
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect.poll(() => desk.item('cust-to-agent').count()).toBe(0);
    const toAgent = await consultation(opened['cust-to-agent']!);
    expect([toAgent.state, toAgent.agentId, toAgent.accepted]).toEqual(['assigned', 'dee', false]);
    await context.close();
  });

  it("shows the customer's past consultations and satisfaction next to the chat", async () => {
    const { app, browser } = suite;
    await app.agent('gus', { groups: ['repeat-desk'] });
    const gus = app.api('gus', 'agent');
    const customer = await connectCustomer('cust-repeat');
    const open = (subject: string) =>
      customer.client.openConsultation({ domain: 'shop', group: 'repeat-desk', subject });
    const first = await open('Broken zip');
    await expect.poll(async () => (await consultation(first.id)).agentId).toBe('gus');
    await gus.call('POST', `/v1/consultations/${first.id}/accept`, {});
    await gus.call('POST', `/v1/consultations/${first.id}/resolve`, {});
    await customer.client.rate(first.id, 4, 'Quick, thanks');
    await open('Wrong size');

    const { page, context } = await openPage(browser, 'about:blank');
    const desk = new AgentDesk(page);
    await desk.signIn(app.url, 'gus');
    await desk.item('Wrong size').click();
    const panel = page.getByRole('complementary', { name: 'Customer' });
    // The figures come from the data read model, which trails the events a little.
    await expect
      .poll(async () => {
        await panel.getByRole('button', { name: 'Refresh customer' }).click();
        return panel.textContent();
      })
      .toMatch(/Average 4\.00 \/ 5 over 1 rating/);
    const past = panel.getByRole('list', { name: 'Past consultations' }).getByRole('listitem');
    expect(await past.allTextContents()).toEqual([
      expect.stringMatching(/Wrong size \(this one\)$/),
      expect.stringMatching(/Broken zip · rated 4\/5$/),
    ]);
    await screenshot(page, 'agent-desktop-customer-panel');
    await context.close();
  });

  it('tells a user who is not a registered agent to ask a supervisor', async () => {
    const { app, browser } = suite;
    const { page, context } = await openPage(browser, 'about:blank');
    await new AgentDesk(page).signIn(app.url, 'not-an-agent');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not-an-agent is not a registered agent.*supervisor/);
    await screenshot(page, 'agent-desktop-not-registered');
    await context.close();
  });
});
