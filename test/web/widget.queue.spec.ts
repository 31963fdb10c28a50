import { expect, it } from 'vitest';
import { describeInBrowser } from './support/browser.suite';
import { screenshot } from './support/web.app';
import { agentSide, configureAutoReplies } from './support/widget.agent';
import {
  freshId,
  freshTarget,
  serveHtml,
  messageLog,
  openWidget,
  rememberedCustomer,
  shownQueuePosition,
  startChat,
  status,
  widgetUrl,
} from './support/widget.page';

/**
 * The customer widget before an agent answers: it opens a consultation for its domain, shows
 * the greeting, and keeps the queue position current while customers ahead are served.
 */
describeInBrowser('customer widget: opening and waiting', (suite) => {
  it('opens a consultation, shows the greeting, and moves the queue position when the customer ahead is assigned', async () => {
    const { app, browser } = suite;
    const { domain, group } = freshTarget();
    await configureAutoReplies(app, domain, 'Hello! An agent will be with you shortly.');
    const agent = await agentSide(app, group, { capacity: 1, status: 'offline' });

    const first = await openWidget(browser, app, { domain, group, customer: freshId('cust') });
    const firstId = await startChat(first.page);
    await expect.poll(() => shownQueuePosition(first.page)).toBe(1);

    const second = await openWidget(browser, app, { domain, group, customer: freshId('cust') });
    await startChat(second.page);
    await expect.poll(() => shownQueuePosition(second.page), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => status(second.page).textContent()).toContain('Waiting for an agent');
    await expect
      .poll(() => messageLog(second.page).textContent())
      .toContain('Hello! An agent will be with you shortly.');
    await screenshot(second.page, 'widget-queue');

    // The agent comes online with room for one: the first customer is served, the second
    // moves up (a push, not a reload).
    await app.api(agent.id, 'agent').call('PUT', `/v1/agents/${agent.id}/status`, {
      status: 'online',
    });
    await agent.accept(firstId);
    await expect
      .poll(() => status(first.page).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('assigned');
    await expect.poll(() => status(first.page).textContent()).toContain('chatting with an agent');
    expect(await shownQueuePosition(first.page)).toBeUndefined();
    await expect.poll(() => shownQueuePosition(second.page), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => status(second.page).getAttribute('data-state')).toBe('pending');

    expect([...first.errors, ...second.errors]).toEqual([]);
    agent.client.close();
    await first.context.close();
    await second.context.close();
  });

  it('keeps an anonymous customer and returns to the open consultation after a reload', async () => {
    const { app, browser } = suite;
    const { domain, group } = freshTarget();
    const { page, context, errors } = await openWidget(browser, app, { domain, group });
    const id = await startChat(page);
    const customer = await rememberedCustomer(page);
    expect(customer).toMatch(/^visitor-/);
    await page.reload();
    await expect
      .poll(() => page.locator('[data-consultation-id]').getAttribute('data-consultation-id'))
      .toBe(id);
    expect(await page.getByRole('button', { name: 'Start chat' }).count()).toBe(0);
    const view = await app
      .api('supervisor-1', 'supervisor')
      .call<{ customerId: string }>('GET', `/v1/consultations/${id}`);
    expect(view.customerId).toBe(customer);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works embedded in an iframe on another site, as the embed snippet puts it', async () => {
    const { app, browser } = suite;
    const { domain, group } = freshTarget();
    const src = widgetUrl(app, { domain, group });
    // The shop is another site (localhost, its own port) on loopback too: Chromium lets no
    // public page frame a loopback address, which a real deployment never is. Framed by
    // another site in a private context, the widget may not touch localStorage at all.
    const shop = await serveHtml(
      `<!doctype html><title>Shop</title><h1>Shop</h1>
      <iframe src="${src}" title="Customer service chat"
        style="width:400px;height:640px;border:0"></iframe>`,
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(shop.url);
    const widget = page.frameLocator('iframe[title="Customer service chat"]');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.locator('[data-consultation-id]').waitFor();
    const message = widget.getByRole('textbox', { name: 'Message' });
    await message.fill('Hello from the shop page');
    await message.press('Enter');
    await expect
      .poll(() => widget.getByRole('log', { name: 'Messages' }).textContent())
      .toContain('Hello from the shop page');
    expect(errors).toEqual([]);
    await context.close();
    await shop.close();
  });
});
