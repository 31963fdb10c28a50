import { describe, expect, it } from 'vitest';
import { HOUR, MIN, Scenario, row, rows, t } from './test/metrics.scenario';

describe('metrics: response, resolution, queue wait, handle time', () => {
  it('given one answered consultation, then every clock is hand-computable', async () => {
    const given = new Scenario()
      .opened('c1', t('2026-12-07T09:00'))
      .say('c1', 'customer', 'cust-c1', t('2026-12-07T09:00'))
      .say('c1', 'system', 'bot', t('2026-12-07T09:01'))
      .assigned('c1', 'A', t('2026-12-07T09:02'))
      .say('c1', 'agent', 'A', t('2026-12-07T09:05'))
      .say('c1', 'customer', 'cust-c1', t('2026-12-07T09:10'))
      .say('c1', 'agent', 'A', t('2026-12-07T09:11'), true)
      .say('c1', 'customer', 'cust-c1', t('2026-12-07T09:12'))
      .say('c1', 'agent', 'A', t('2026-12-07T09:20'))
      .consultation('c1', 'ConsultationResolved', t('2026-12-07T09:30'), { agentId: 'A', by: 'A' });
    const all = row(await rows(given));
    expect(all).toMatchObject({ opened: 1, assigned: 1, resolved: 1, closed: 0, abandoned: 0 });
    // First response 09:00 → 09:05; runs 09:00 → 09:05 and 09:10 → 09:20 (the 09:11 note is internal).
    expect(all.firstResponseAvgMs).toBe(5 * MIN);
    expect(all.responseAvgMs).toBe(7.5 * MIN);
    expect(all.resolutionAvgMs).toBe(30 * MIN);
    expect(all.queueWaitAvgMs).toBe(2 * MIN);
    expect(all.handleTimeMs).toBe(28 * MIN);
    expect(all.firstResponseBusinessAvgMs).toBeNull();
    const agentA = row(await rows(given, { dimension: 'agent' }), 'A');
    expect(agentA).toMatchObject({ opened: 0, assigned: 1, resolved: 1, handleTimeMs: 28 * MIN });
    expect(agentA.firstResponseAvgMs).toBe(5 * MIN);
  });

  it('given no agent message, then no first or other response is measured', async () => {
    const given = new Scenario()
      .opened('c2', t('2026-12-07T10:00'))
      .say('c2', 'customer', 'cust-c2', t('2026-12-07T10:00'))
      .assigned('c2', 'A', t('2026-12-07T10:01'))
      .consultation('c2', 'ConsultationResolved', t('2026-12-07T10:10'), { agentId: 'A', by: 'A' });
    const all = row(await rows(given));
    expect([all.firstResponseAvgMs, all.responseAvgMs]).toEqual([null, null]);
    expect(all.resolutionAvgMs).toBe(10 * MIN);
  });
});

describe('metrics: transfers', () => {
  const toAgent = () =>
    new Scenario()
      .opened('c3', t('2026-12-07T09:00'))
      .assigned('c3', 'A', t('2026-12-07T09:01'))
      .say('c3', 'agent', 'A', t('2026-12-07T09:04'))
      .consultation('c3', 'ConsultationTransferred', t('2026-12-07T09:10'), {
        fromAgentId: 'A',
        to: { agentId: 'B' },
        by: 'A',
      })
      .assigned('c3', 'B', t('2026-12-07T09:10'))
      .say('c3', 'customer', 'cust-c3', t('2026-12-07T09:12'))
      .say('c3', 'agent', 'B', t('2026-12-07T09:15'))
      .consultation('c3', 'ConsultationResolved', t('2026-12-07T09:40'), { agentId: 'B', by: 'B' });

  it('given a transfer to an agent, then handle time is split between both and summed', async () => {
    const all = row(await rows(toAgent()));
    expect(all).toMatchObject({ transfers: 1, assigned: 2, handleTimeMs: 39 * MIN });
    // A transfer straight to an agent is no queue wait: only open → first assignment counts.
    expect(all.queueWaitAvgMs).toBe(1 * MIN);
    const agents = await rows(toAgent(), { dimension: 'agent' });
    expect(row(agents, 'A')).toMatchObject({
      transfers: 1,
      handleTimeMs: 9 * MIN,
      firstResponseAvgMs: 4 * MIN,
    });
    expect(row(agents, 'B')).toMatchObject({
      resolved: 1,
      handleTimeMs: 30 * MIN,
      resolutionAvgMs: 40 * MIN,
    });
    expect(row(agents, 'B').responseAvgMs).toBe(3 * MIN);
  });

  it('given a transfer to a group, then the wait for its next agent is a queue wait of that group', async () => {
    const given = new Scenario()
      .opened('c4', t('2026-12-07T11:00'))
      .assigned('c4', 'A', t('2026-12-07T11:05'))
      .consultation('c4', 'ConsultationTransferred', t('2026-12-07T11:20'), {
        fromAgentId: 'A',
        to: { group: 'vip' },
        by: 'A',
      })
      .assigned('c4', 'B', t('2026-12-07T11:50'), 'vip')
      .consultation('c4', 'ConsultationResolved', t('2026-12-07T12:00'), { agentId: 'B', by: 'B' });
    expect(row(await rows(given)).queueWaitAvgMs).toBe(17.5 * MIN);
    const groups = await rows(given, { dimension: 'group' });
    expect(row(groups, '(none)')).toMatchObject({
      opened: 1,
      assigned: 1,
      transfers: 1,
      handleTimeMs: 15 * MIN,
      queueWaitAvgMs: 5 * MIN,
    });
    expect(row(groups, 'vip')).toMatchObject({
      assigned: 1,
      resolved: 1,
      handleTimeMs: 10 * MIN,
      queueWaitAvgMs: 30 * MIN,
      resolutionAvgMs: HOUR,
    });
    expect((await rows(given, { dimension: 'group', group: 'vip' })).map((r) => r.key)).toEqual([
      'vip',
    ]);
  });
});

describe('metrics: reopen and abandonment', () => {
  it('given a reopen, then each episode has its own first response, resolution and queue wait', async () => {
    const given = new Scenario()
      .opened('c5', t('2026-12-07T09:00'))
      .say('c5', 'customer', 'cust-c5', t('2026-12-07T09:00'))
      .assigned('c5', 'A', t('2026-12-07T09:01'))
      .say('c5', 'agent', 'A', t('2026-12-07T09:03'))
      .consultation('c5', 'ConsultationResolved', t('2026-12-07T09:10'), { agentId: 'A', by: 'A' })
      // The customer's message comes first on the wire; the reopen carries the same instant.
      .say('c5', 'customer', 'cust-c5', t('2026-12-07T13:00'))
      .consultation('c5', 'ConsultationReopened', t('2026-12-07T13:00'), { previousAgentId: 'A' })
      .assigned('c5', 'A', t('2026-12-07T13:02'))
      .say('c5', 'agent', 'A', t('2026-12-07T13:07'))
      .consultation('c5', 'ConsultationResolved', t('2026-12-07T13:20'), { agentId: 'A', by: 'A' });
    const all = row(await rows(given));
    expect(all).toMatchObject({ opened: 1, reopened: 1, resolved: 2, assigned: 2 });
    expect(all.firstResponseAvgMs).toBe(5 * MIN); // (3 + 7) / 2
    expect(all.responseAvgMs).toBe(5 * MIN); // (3 + 7) / 2
    expect(all.resolutionAvgMs).toBe(15 * MIN); // (10 + 20) / 2
    expect(all.queueWaitAvgMs).toBe(1.5 * MIN); // (1 + 2) / 2
    expect(all.handleTimeMs).toBe(27 * MIN); // 9 + 18
  });

  it('given closes before and after an assignment, then only the never-assigned one is abandoned', async () => {
    const given = new Scenario()
      .opened('c6', t('2026-12-07T14:00'))
      .consultation('c6', 'ConsultationClosed', t('2026-12-07T14:03'), {
        by: 'customer',
        reason: 'left',
        agentId: null,
      })
      .opened('c7', t('2026-12-07T14:00'))
      .assigned('c7', 'A', t('2026-12-07T14:01'))
      .consultation('c7', 'ConsultationClosed', t('2026-12-07T14:30'), {
        by: 'agent',
        reason: 'done',
        agentId: 'A',
      })
      .opened('c8', t('2026-12-07T14:00'))
      .assigned('c8', 'A', t('2026-12-07T14:01'))
      .consultation('c8', 'ConsultationRequeued', t('2026-12-07T14:03'), {
        agentId: 'A',
        reason: 'accept_timeout',
      })
      .consultation('c8', 'ConsultationClosed', t('2026-12-07T14:10'), {
        by: 'customer',
        reason: 'left',
        agentId: null,
      });
    const all = row(await rows(given));
    expect(all).toMatchObject({ opened: 3, closed: 3, abandoned: 1, assigned: 2 });
    expect(all.handleTimeMs).toBe(31 * MIN); // c7 29 + c8 2 (assigned → requeued)
    expect(all.queueWaitAvgMs).toBe(1 * MIN); // c7 and c8 1 min each; the closed waits give no sample
    expect(row(await rows(given, { dimension: 'agent' }), 'A')).toMatchObject({
      closed: 1,
      abandoned: 0,
    });
  });
});

describe('metrics: buckets', () => {
  const overMidnight = () =>
    new Scenario()
      .opened('c9', t('2026-12-07T23:50'))
      .assigned('c9', 'A', t('2026-12-07T23:55'))
      .say('c9', 'agent', 'A', t('2026-12-08T00:05'))
      .consultation('c9', 'ConsultationResolved', t('2026-12-08T00:20'), { agentId: 'A', by: 'A' });
  const twoDays = { from: t('2026-12-07T00:00'), to: t('2026-12-09T00:00') };

  it('given a consultation over midnight, then each figure falls into the day its clock stopped', async () => {
    const [monday, tuesday] = await rows(overMidnight(), twoDays);
    expect(monday).toMatchObject({
      bucketStart: t('2026-12-07T00:00'),
      opened: 1,
      assigned: 1,
      queueWaitAvgMs: 5 * MIN,
      resolved: 0,
      firstResponseAvgMs: null,
      handleTimeMs: 0,
    });
    expect(tuesday).toMatchObject({
      bucketStart: t('2026-12-08T00:00'),
      opened: 0,
      resolved: 1,
      firstResponseAvgMs: 15 * MIN,
      resolutionAvgMs: 30 * MIN,
      handleTimeMs: 25 * MIN,
    });
  });

  it('given a time zone, then days are cut at local midnight (Berlin: 23:00Z in December)', async () => {
    const berlin = await rows(overMidnight(), { ...twoDays, timeZone: 'Europe/Berlin' });
    expect(berlin).toHaveLength(1);
    expect(berlin[0]).toMatchObject({ bucketStart: t('2026-12-07T23:00'), opened: 1, resolved: 1 });
  });

  it('given hour buckets, then rows come per hour in order', async () => {
    const hours = await rows(overMidnight(), { ...twoDays, bucket: 'hour' });
    expect(hours.map((r) => [r.bucketStart, r.opened, r.resolved])).toEqual([
      [t('2026-12-07T23:00'), 1, 0],
      [t('2026-12-08T00:00'), 0, 1],
    ]);
  });

  it('given a business-hours gap over a weekend, then the business first response counts open time only', async () => {
    const weekdays = Object.fromEntries(
      [1, 2, 3, 4, 5].map((d) => [d, [['09:00', '18:00']] as const]),
    );
    const given = new Scenario()
      .opened('c10', t('2026-12-04T17:50')) // Friday, 10 minutes before closing
      .say('c10', 'customer', 'cust-c10', t('2026-12-04T17:50'))
      .assigned('c10', 'A', t('2026-12-07T09:00'))
      .say('c10', 'agent', 'A', t('2026-12-07T09:05')); // Monday
    const all = row(await rows(given, { businessHours: { timeZone: 'UTC', week: weekdays } }));
    expect(all.firstResponseBusinessAvgMs).toBe(15 * MIN);
    expect(all.firstResponseAvgMs).toBe(63 * HOUR + 15 * MIN);
    expect(all.opened).toBe(0); // opened on Friday, outside the queried Monday
  });
});
