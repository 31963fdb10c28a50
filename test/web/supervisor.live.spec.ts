import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser } from './support/browser.suite';
import {
  agentRow,
  cellTexts,
  openSection,
  queueTable,
  supervisorSession,
  tableRows,
} from './support/supervisor.page';
import { assign, freshId, openWaiting } from './support/supervisor.seed';
import { screenshot } from './support/web.app';

describeInBrowser('supervisor view: live queues and agents', (suite) => {
  const agentId = freshId('agent');
  const team = freshId('team');

  beforeAll(() => suite.app.agent(agentId, { groups: [team], capacity: 3 }));
  const view = supervisorSession(suite, { userId: 'supervisor-1' });

  it('shows a waiting customer with a ticking waiting time until an agent is assigned', async () => {
    const { page, errors } = view;
    const { app } = suite;
    const group = freshId('nobody');
    const customerId = freshId('customer');
    const opened = await openWaiting(app, customerId, group);
    await openSection(page, 'Live overview');

    const queue = queueTable(page, `group:${group}`);
    const row = queue.getByRole('row').filter({ hasText: customerId });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const [position, customer, consultation, domain] = (await tableRows(queue))[0]!;
    expect([position, customer, domain]).toEqual(['1', customerId, 'shop']);
    expect(opened.id.startsWith(consultation!)).toBe(true);
    await expect.poll(() => queue.textContent()).toMatch(/\(1 waiting\)/);

    // The waiting time is a running clock, not a snapshot.
    const waited = row.locator('[data-waiting]');
    const first = await waited.textContent();
    expect(first).toMatch(/^\d+:\d\d$/);
    await expect.poll(() => waited.textContent(), { timeout: 5000 }).not.toBe(first);
    await screenshot(page, 'supervisor-overview');

    // One queue alone: the view asks for that queue (GET /v1/queues/:key).
    const key = `group:${group}`;
    const select = page.getByRole('combobox', { name: 'Queue' });
    await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/v1/queues/${encodeURIComponent(key)}`)),
      select.selectOption(key),
    ]);
    await expect.poll(() => page.getByRole('table', { name: /^Queue / }).count()).toBe(1);
    expect(await tableRows(queue)).toHaveLength(1);
    await select.selectOption('');

    await assign(app, opened.id, agentId);
    // The queue and the customers' names come from two polls: wait for the table itself.
    await expect.poll(() => tableRows(queue), { timeout: 10_000 }).toEqual([['Nobody waiting']]);
    expect(errors).toEqual([]);
  });

  it("shows each agent's status and load as they change", async () => {
    const { page, errors } = view;
    const { app } = suite;
    const other = freshId('agent');
    await app.agent(other, { groups: [team], capacity: 2 });
    await openSection(page, 'Live overview');
    const row = agentRow(page, other);
    const cells = () => cellTexts(row);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await cells()).toEqual([other, 'online', '0 / 2', team, expect.any(String)]);

    // A waiting consultation handed to the agent raises its load; then it steps away.
    const opened = await openWaiting(app, freshId('customer'), freshId('nobody'));
    await assign(app, opened.id, other);
    // Accepted, it stays with the agent when they step away (unaccepted ones are requeued).
    await app.api(other, 'agent').call('POST', `/v1/consultations/${opened.id}/accept`);
    await expect.poll(async () => (await cells())[2], { timeout: 10_000 }).toBe('1 / 2');
    await app.api(other, 'agent').call('PUT', `/v1/agents/${other}/status`, { status: 'away' });
    await expect.poll(async () => (await cells())[1], { timeout: 10_000 }).toBe('away');
    expect((await cells())[2]).toBe('1 / 2');
    expect(await row.getByRole('meter').getAttribute('aria-label')).toBe(`${other} load`);
    expect(await row.getByRole('meter').getAttribute('value')).toBe('1');
    expect(errors).toEqual([]);
  });
});
