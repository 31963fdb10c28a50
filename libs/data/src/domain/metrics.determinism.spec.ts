import { describe, expect, it } from 'vitest';
import { InMemoryFactStore } from '../store/in-memory.fact-store';
import type { Fact } from './fact';
import { computeMetrics } from './metrics';
import type { FactReader, MetricsDimension, MetricsQuery } from './metrics.types';
import { DAY_QUERY, MIN, Scenario, row, rows, t } from './test/metrics.scenario';

/** A busy day: transfers, a reopen, an abandonment, ratings, orders, agents going away. */
function busyDay(): Scenario {
  const s = new Scenario()
    .status('A', 'online', t('2026-12-07T08:00'))
    .status('B', 'online', t('2026-12-07T08:30'))
    .status('A', 'away', t('2026-12-07T12:00'))
    .status('A', 'online', t('2026-12-07T13:00'));
  for (let i = 0; i < 12; i++) {
    const id = `c${String(i)}`;
    const at = (minutes: number) =>
      new Date(Date.parse(t('2026-12-07T09:00')) + (i * 47 + minutes) * MIN).toISOString();
    const agent = i % 2 === 0 ? 'A' : 'B';
    s.opened(id, at(0), {
      customerId: `u${String(i % 5)}`,
      domain: i % 3 === 0 ? 'shop' : 'travel',
      group: i % 4 === 0 ? 'vip' : null,
    });
    s.say(id, 'customer', `u${String(i % 5)}`, at(0));
    if (i % 6 === 5) {
      s.consultation(id, 'ConsultationClosed', at(3), {
        by: 'customer',
        reason: 'left',
        agentId: null,
      });
      continue;
    }
    s.assigned(id, agent, at(2))
      .taken(agent, id, at(2))
      .say(id, 'agent', agent, at(4 + (i % 3)));
    if (i % 4 === 1) {
      s.consultation(id, 'ConsultationTransferred', at(10), {
        fromAgentId: agent,
        to: { group: 'vip' },
        by: agent,
      });
      s.released(agent, id, at(10)).assigned(id, 'A', at(15), 'vip').taken('A', id, at(15));
    }
    const holder = i % 4 === 1 ? 'A' : agent;
    s.consultation(id, 'ConsultationResolved', at(30), { agentId: holder, by: holder }).released(
      holder,
      id,
      at(30),
    );
    if (i % 5 === 2) {
      s.say(id, 'customer', `u${String(i % 5)}`, at(40)).consultation(
        id,
        'ConsultationReopened',
        at(40),
        { previousAgentId: holder },
      );
      s.assigned(id, holder, at(41))
        .say(id, 'agent', holder, at(43))
        .consultation(id, 'ConsultationResolved', at(50), { agentId: holder, by: holder });
    }
    s.consultation(id, 'ConsultationRated', at(55), { score: 1 + (i % 5), comment: null });
    if (i % 3 === 1) s.order(`o${String(i)}`, `u${String(i % 5)}`, at(120), 1000 + i);
  }
  return s;
}

/** A deterministic permutation (no Math.random: the same shuffle on every run). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

async function report(facts: readonly Fact[], query: Partial<MetricsQuery>, appendTwice = false) {
  const store = new InMemoryFactStore();
  await store.append(facts, []);
  if (appendTwice) await store.append(shuffled(facts, 7), []);
  return computeMetrics(store, { ...DAY_QUERY, ...query });
}

const DIMENSIONS: MetricsDimension[] = ['all', 'agent', 'group', 'domain'];

describe('metrics: the same facts give the same report', () => {
  const facts = busyDay().facts();

  it.each(DIMENSIONS)(
    'given the facts shuffled, then the %s report is identical',
    async (dimension) => {
      const inOrder = await report(facts, { dimension, bucket: 'hour' });
      expect(inOrder.rows.length).toBeGreaterThan(3);
      for (const seed of [1, 2, 3]) {
        expect(await report(shuffled(facts, seed), { dimension, bucket: 'hour' })).toEqual(inOrder);
      }
    },
  );

  it('given a reader that returns facts in any order, then the report is identical', async () => {
    const store = new InMemoryFactStore();
    await store.append(facts, []);
    let seed = 11;
    const unordered: FactReader = {
      subjects: (query) => store.subjects(query).then((found) => shuffled(found, seed++)),
      find: (query) => store.find(query).then((found) => shuffled(found, seed++)),
    };
    const query = { ...DAY_QUERY, dimension: 'agent' as const, bucket: 'hour' as const };
    expect(await computeMetrics(unordered, query)).toEqual(await computeMetrics(store, query));
  });

  it.each(DIMENSIONS)(
    'given every message delivered twice, then the %s report does not change',
    async (dimension) => {
      expect(await report(facts, { dimension }, true)).toEqual(await report(facts, { dimension }));
    },
  );

  it('given the busy day, then the day totals add up over the hour rows', async () => {
    const day = row((await report(facts, {})).rows);
    const hours = (await report(facts, { bucket: 'hour' })).rows;
    const total = (key: 'opened' | 'resolved' | 'handleTimeMs' | 'onlineMs') =>
      hours.reduce((sum, r) => sum + (r[key] ?? 0), 0);
    expect(day).toMatchObject({ opened: 12, abandoned: 2, reopened: 2, ratings: 10 });
    expect([total('opened'), total('resolved'), total('handleTimeMs'), total('onlineMs')]).toEqual([
      day.opened,
      day.resolved,
      day.handleTimeMs,
      day.onlineMs,
    ]);
  });
});

describe('metrics: filters and bad queries', () => {
  it('given a domain filter, then only that domain counts', async () => {
    const given = new Scenario()
      .opened('a', t('2026-12-07T09:00'), { domain: 'shop' })
      .opened('b', t('2026-12-07T09:00'));
    expect(row(await rows(given, { domain: 'shop' })).opened).toBe(1);
    expect((await rows(given, { dimension: 'domain' })).map((r) => [r.key, r.opened])).toEqual([
      ['shop', 1],
      ['travel', 1],
    ]);
  });

  it.each([
    ['INVALID_RANGE', { from: t('2026-12-08T00:00'), to: t('2026-12-07T00:00') }],
    ['INVALID_RANGE', { from: 'yesterday' }],
    ['INVALID_TIMEZONE', { timeZone: 'Mars/Olympus' }],
    ['INVALID_WINDOW', { conversionWindowMs: -1 }],
    ['INVALID_TIME', { businessHours: { timeZone: 'UTC', week: { 1: [['9:00', '18:00']] } } }],
    ['INVALID_WEEKDAY', { businessHours: { timeZone: 'UTC', week: { 8: [['09:00', '18:00']] } } }],
  ] as const)('%s → a typed invalid_command error', async (code, query) => {
    await expect(rows(new Scenario(), query as Partial<MetricsQuery>)).rejects.toMatchObject({
      code,
      kind: 'invalid_command',
    });
  });
});

describe('metrics: range edges', () => {
  it('given from/to without milliseconds or with an offset, then a fact exactly at from counts and one at to does not', async () => {
    const given = new Scenario()
      .opened('a', t('2026-12-07T00:00'))
      .opened('b', t('2026-12-08T00:00'));
    const all = row(
      await rows(given, { from: '2026-12-07T01:00:00+01:00', to: '2026-12-08T00:00:00Z' }),
    );
    expect(all.opened).toBe(1);
  });
});
