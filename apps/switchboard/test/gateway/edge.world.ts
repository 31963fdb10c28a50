import { type EdgeServices } from '@switchboard/gateway';
import { type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expect } from 'vitest';
import {
  type EdgeChat,
  type EdgeWorld,
} from '../../../../libs/gateway/test/edge-services.contract';
import { type Api, eventually, startApi } from '../consultations/consultations.fixture';
import { token } from '../messaging/messaging.fixture';

/**
 * The edge contract's world over the real one-process app (temp SQLite, in-process bus):
 * `edgeOf` picks the adapter under test; consultations are set up over REST as an agent would.
 */
export async function startEdgeWorld(edgeOf: (api: Api) => EdgeServices): Promise<EdgeWorld> {
  const api = await startApi();
  const edge = edgeOf(api);
  const tokens = new Map<string, string>();
  const caller = (userId: string, role: Role) => {
    const key = `${userId}\u0000${role}`;
    if (!tokens.has(key)) tokens.set(key, token(api, userId, role));
    return { user: { userId, role }, token: tokens.get(key)!, correlationId: randomUUID() };
  };
  return {
    edge,
    caller,
    id: api.id,
    chat: () => chat(api),
    resolve: async ({ consultationId, agentId }) => {
      await request(api.server)
        .post(`/v1/consultations/${consultationId}/resolve`)
        .set('Authorization', api.bearer(agentId, 'agent'))
        .send({})
        .expect(200);
    },
    correlationIds: async (streamId) =>
      (await api.store.readStream(streamId)).map((event) => event.metadata.correlationId),
    dispose: () => api.harness.dispose(),
  };
}

async function chat(api: Api): Promise<EdgeChat> {
  const group = api.id('team');
  const agentId = await api.onlineAgent({ groups: [group], capacity: 5 });
  const customerId = api.id('cust');
  const consultationId = await api.open(customerId, { domain: 'travel', group });
  const path = `/v1/consultations/${consultationId}`;
  const assigned = await eventually(async () => {
    const res = await request(api.server)
      .get(path)
      .set('Authorization', api.bearer(agentId, 'agent'));
    expect(res.body.state).toBe('assigned');
    return res.body as { conversationId: string };
  });
  await request(api.server)
    .post(`${path}/accept`)
    .set('Authorization', api.bearer(agentId, 'agent'))
    .send({})
    .expect(200);
  await eventually(async () => {
    await request(api.server)
      .get(`/v1/conversations/${assigned.conversationId}`)
      .set('Authorization', api.bearer(agentId, 'agent'))
      .expect(200);
  });
  return { customerId, agentId, consultationId, conversationId: assigned.conversationId };
}
