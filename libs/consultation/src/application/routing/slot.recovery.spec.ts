import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type EventStore, SqliteEventStore } from '@switchboard/event-store';
import { FixedClock } from '@switchboard/testing';
import { agentStream, type ConsultationAssigned, consultationStream } from '../../domain';
import { FakeTimerClock } from '../timers/timer-clock';
import {
  consultationCommand,
  createRuntime,
  onlineAgents,
  openCommand,
  quiesce,
  type RuntimeServices,
} from './test/runtime.harness';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-slot-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The store as a process that dies right after the take: every assignment append hangs. It
 * offers no `appendToStreams`: with it, the take and the assignment are one transaction and no
 * crash can split them (D40, tested below); the step-by-step path that stores without it take
 * can leave the orphan this suite is about.
 */
function dyingAtAssign(store: SqliteEventStore): EventStore {
  const never = new Promise<never>(() => undefined);
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStreams') return undefined;
      if (property === 'appendToStream') {
        return (...args: Parameters<EventStore['appendToStream']>) =>
          args[1].some((e) => e.type === 'ConsultationAssigned')
            ? never
            : target.appendToStream(...args);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('slot taken, process died before the assignment: restart with the SQLite file', () => {
  let store: SqliteEventStore | undefined;
  let runtime: RuntimeServices | undefined;
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  afterEach(async () => {
    await runtime?.stop();
    await store?.close();
  });

  /** Runs a runtime until an agent durably holds c1 without an assignment, then kills it. */
  async function crashMidAssignment(filename: string): Promise<string> {
    const first = await SqliteEventStore.open({ filename });
    await onlineAgents(first, clock, ['ada', 'bob'], { capacity: 2 });
    const dying = createRuntime({ store: dyingAtAssign(first), clock: new FakeTimerClock(clock) });
    await dying.start();
    await consultationCommand(first, clock, 'c1', openCommand('c1'));
    let holder: string | undefined;
    for (let i = 0; i < 400 && holder === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const agentId of ['ada', 'bob']) {
        const events = await first.readStream(agentStream(agentId));
        if (events.some((e) => e.type === 'AgentConsultationTaken')) holder = agentId;
      }
    }
    expect(holder).toBeDefined();
    // The crash: nothing of this process runs any more (its router hangs in the assign forever).
    await Promise.all([dying.timers.stop(), dying.capacity.stop()]);
    void dying.router.stop();
    await dying.directory.stop();
    await first.close();
    return holder as string;
  }

  async function restart(filename: string): Promise<SqliteEventStore> {
    const reopened = await SqliteEventStore.open({ filename });
    store = reopened;
    runtime = createRuntime({ store: reopened, clock: new FakeTimerClock(clock) });
    await runtime.start();
    await quiesce(reopened, runtime, 30);
    return reopened;
  }

  const held = (agentId: string) => runtime?.directory.get(agentId)?.agent.held ?? [];

  it('the orphaned slot is released and the consultation is routed once; no agent holds what it was not assigned', async () => {
    const filename = join(dir, 'a.db');
    const holder = await crashMidAssignment(filename);
    const reopened = await restart(filename);
    const assigned = (await reopened.readStream(consultationStream('c1')))
      .filter((e) => e.type === 'ConsultationAssigned')
      .map((e) => (e.data as ConsultationAssigned['data']).agentId);
    expect(assigned).toHaveLength(1);
    for (const agentId of ['ada', 'bob']) {
      expect(held(agentId)).toEqual(agentId === assigned[0] ? ['c1'] : []);
    }
    const released = (await reopened.readStream(agentStream(holder))).filter(
      (e) => e.type === 'AgentConsultationReleased',
    );
    expect(released).toHaveLength(1);
    expect(released[0].data).toMatchObject({ consultationId: 'c1', reason: 'orphaned_take' });
  });

  it('with the drain in one transaction, a crash before its commit leaves no slot taken', async () => {
    const filename = join(dir, 'c.db');
    const first = await SqliteEventStore.open({ filename });
    await onlineAgents(first, clock, ['ada', 'bob'], { capacity: 2 });
    let hung = 0;
    const dying = new Proxy(first, {
      get(target, property, receiver) {
        if (property === 'appendToStreams') {
          return () => {
            hung++;
            return new Promise<never>(() => undefined);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const crashing = createRuntime({ store: dying, clock: new FakeTimerClock(clock) });
    await crashing.start();
    await consultationCommand(first, clock, 'c1', openCommand('c1'));
    for (let i = 0; i < 400 && hung === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(hung).toBe(1);
    await Promise.all([crashing.timers.stop(), crashing.capacity.stop()]);
    void crashing.router.stop();
    await crashing.directory.stop();
    for (const agentId of ['ada', 'bob']) {
      const events = await first.readStream(agentStream(agentId));
      expect(events.filter((e) => e.type === 'AgentConsultationTaken')).toEqual([]);
    }
    await first.close();

    const reopened = await restart(filename);
    const assigned = (await reopened.readStream(consultationStream('c1'))).filter(
      (e) => e.type === 'ConsultationAssigned',
    );
    expect(assigned).toHaveLength(1);
    const holder = (assigned[0].data as ConsultationAssigned['data']).agentId;
    expect(held(holder)).toEqual(['c1']);
    for (const agentId of ['ada', 'bob']) {
      const released = (await reopened.readStream(agentStream(agentId))).filter(
        (e) => e.type === 'AgentConsultationReleased',
      );
      expect(released).toEqual([]);
    }
  });

  it('a consultation closed while nobody ran gives its orphaned slot back too', async () => {
    const filename = join(dir, 'b.db');
    const holder = await crashMidAssignment(filename);
    const between = await SqliteEventStore.open({ filename });
    await consultationCommand(between, clock, 'c1', {
      type: 'close',
      data: { by: 'customer', reason: 'gave up' },
    });
    await between.close();
    await restart(filename);
    expect(held(holder)).toEqual([]);
    expect(runtime?.directory.get(holder)?.agent).toMatchObject({ held: [] });
  });
});
