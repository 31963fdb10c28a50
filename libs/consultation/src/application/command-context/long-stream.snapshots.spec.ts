import { type Command, fold, handleCommand, StreamWriter } from '@switchboard/es-core';
import { SqliteEventStore } from '@switchboard/event-store/sqlite/sqlite.event-store';
import { queueDecider, queueStreamId } from '@switchboard/routing';
import { useCountedStore } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { type AgentCommand, agentDecider, agentStream, LONG_STREAM_SNAPSHOTS } from '../../domain';
import { queueBatchDecider } from '../routing/queue-batch.decider';
import { AGENT_STREAM_OPTIONS, loadAgent, toAgentEvent } from './agent-stream';

let sequence = 0;
const metadata = () => ({
  commandId: `cmd-${++sequence}`,
  now: new Date(Date.UTC(2026, 11, 5, 9, 0, sequence)),
});

/**
 * Agents and queues live for years: their streams are read from snapshots. What matters here
 * is that their real states survive the snapshot (JSON) unchanged, so that commands decide
 * exactly as on the full history.
 */
describe('snapshots of agent and queue streams', () => {
  /** A fresh in-memory store per test; `db.reads` counts what each load of a stream read. */
  const db = useCountedStore(() => SqliteEventStore.open({ filename: ':memory:' }));

  const agentCommand = (command: Omit<AgentCommand, 'metadata'>) =>
    handleCommand(
      db.counted,
      agentStream('ada'),
      agentDecider,
      { ...command, metadata: metadata() } as AgentCommand,
      AGENT_STREAM_OPTIONS,
    );

  it("runs an agent's commands from snapshots and decides as on the full history", async () => {
    const data = { agentId: 'ada', capacity: 3, groups: ['desk'], skills: ['fr'], weight: 2 };
    await agentCommand({ type: 'register', data });
    await agentCommand({ type: 'setStatus', data: { status: 'online' } });
    // 300 consultations taken and released, three held at the end.
    for (let i = 0; i < 303; i++) {
      if (i >= 3) {
        const consultationId = `c-${i - 3}`;
        await agentCommand({ type: 'releaseConsultation', data: { consultationId } });
      }
      await agentCommand({ type: 'takeConsultation', data: { consultationId: `c-${i}` } });
    }
    const history = await db.store.readStream(agentStream('ada'));
    const full = fold(agentDecider, history.map(toAgentEvent));
    const loaded = await loadAgent(db.counted, 'ada');
    expect(loaded).toEqual({ state: full, revision: history.length - 1 });
    expect(full).toMatchObject({ status: 'online', held: ['c-300', 'c-301', 'c-302'] });
    const snapshots = await db.store.readStream(LONG_STREAM_SNAPSHOTS.streamOf(agentStream('ada')));
    // One each time a command's load had folded `every` (200) events past the last one.
    expect(history).toHaveLength(605);
    expect(snapshots.map((s) => (s.data as { revision: number }).revision)).toEqual([
      199, 399, 599,
    ]);
    // No command read the whole stream once it was longer than a snapshot interval.
    const longest = Math.max(...(db.reads.get(agentStream('ada')) ?? []));
    expect(longest).toBeLessThanOrEqual(LONG_STREAM_SNAPSHOTS.every + 1);
    // Capacity is still enforced from the snapshot's held list.
    await expect(
      agentCommand({ type: 'takeConsultation', data: { consultationId: 'one-too-many' } }),
    ).rejects.toMatchObject({ code: 'AGENT_AT_CAPACITY' });
  });

  it("loads a queue's waiting line from a snapshot in the drainer's writer", async () => {
    const stream = queueStreamId('travel');
    const enqueue = (i: number) => ({
      type: 'enqueue' as const,
      data: { consultationId: `q-${i}`, domain: 'travel', group: null, requiredSkills: ['de'] },
      metadata: metadata(),
    });
    for (let i = 0; i < 260; i++) {
      await handleCommand(db.counted, stream, queueDecider, enqueue(i), {
        snapshots: LONG_STREAM_SNAPSHOTS,
      });
      if (i % 2 === 1) {
        const dequeue = {
          type: 'dequeue' as const,
          data: { consultationId: `q-${i - 1}`, reason: 'abandoned' as const },
          metadata: metadata(),
        };
        await handleCommand(
          db.counted,
          stream,
          queueDecider,
          dequeue as Command<'dequeue', never>,
          {
            snapshots: LONG_STREAM_SNAPSHOTS,
          },
        );
      }
    }
    const full = fold(queueDecider, (await db.store.readStream(stream)).map(toQueueEvent));
    db.reads.clear();
    const writer = new StreamWriter(db.counted, queueBatchDecider, {
      snapshots: LONG_STREAM_SNAPSHOTS,
    });
    const { state, revision } = await writer.read(stream);
    expect(revision).toBe(389);
    expect(state.entries).toEqual(full.entries);
    expect(state.entries.map((e) => e.consultationId).slice(0, 3)).toEqual(['q-1', 'q-3', 'q-5']);
    expect(Math.max(...(db.reads.get(stream) ?? []))).toBeLessThanOrEqual(
      LONG_STREAM_SNAPSHOTS.every + 1,
    );
  });
});

function toQueueEvent(recorded: { type: string; data: unknown }) {
  return { type: recorded.type, version: 1, data: recorded.data } as Parameters<
    typeof queueDecider.evolve
  >[1];
}
