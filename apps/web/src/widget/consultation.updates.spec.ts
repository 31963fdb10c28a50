import { describe, expect, it } from 'vitest';
import { applyUpdate, fromView } from './consultation.updates';

const opened = fromView({ id: 'c1', conversationId: 'v1', state: 'pending', agentId: null });

describe('applyUpdate (consultation pushes as the widget folds them)', () => {
  it('takes the queue position of a pending push and keeps it through one without', () => {
    const queued = applyUpdate(opened, { id: 'c1', state: 'pending', queuePosition: 2 });
    expect(queued.queuePosition).toBe(2);
    expect(applyUpdate(queued, { id: 'c1', state: 'pending' }).queuePosition).toBe(2);
    expect(
      applyUpdate(queued, { id: 'c1', state: 'pending', queuePosition: 1 }).queuePosition,
    ).toBe(1);
  });

  it('drops the position once an agent has it, and the agent once it is requeued', () => {
    const queued = applyUpdate(opened, { id: 'c1', state: 'pending', queuePosition: 1 });
    const assigned = applyUpdate(queued, { id: 'c1', state: 'assigned', agentId: 'a1' });
    expect(assigned).toMatchObject({ state: 'assigned', agentId: 'a1', queuePosition: undefined });
    const resolved = applyUpdate(assigned, { id: 'c1', state: 'resolved' });
    expect(resolved).toMatchObject({ state: 'resolved', agentId: 'a1' });
    expect(applyUpdate(assigned, { id: 'c1', state: 'pending' })).toMatchObject({
      state: 'pending',
      agentId: null,
    });
  });

  it("ignores another consultation's push and states it does not know", () => {
    expect(applyUpdate(opened, { id: 'c2', state: 'closed' })).toBe(opened);
    expect(applyUpdate(opened, { id: 'c1', state: 'archived' })).toBe(opened);
  });

  it('reads a REST view, rating included', () => {
    const rating = { score: 4, comment: null };
    expect(
      fromView({ id: 'c1', conversationId: 'v1', state: 'closed', rating, queuePosition: 3 }),
    ).toEqual({
      id: 'c1',
      conversationId: 'v1',
      state: 'closed',
      agentId: null,
      queuePosition: 3,
      rating,
    });
  });
});
