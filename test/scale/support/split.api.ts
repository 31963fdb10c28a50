import { expect } from 'vitest';
import type { ServiceProcess } from './service.process';

/**
 * REST calls of the split tests: tokens from customer-service (development mode), agents and
 * consultations there, conversations at im, allocation at any gateway.
 */
export function splitApi(cs: string, im: string) {
  const json = async (url: string, init: RequestInit & { token?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    const res = await fetch(url, { ...init, headers });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, body };
  };
  const token = async (userId: string, role: string) => {
    const res = await json(`${cs}/v1/auth/dev-token`, {
      method: 'POST',
      body: JSON.stringify({ userId, role }),
    });
    expect(res.status).toBe(200);
    return res.body.token as string;
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    const giveUpAt = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > giveUpAt) throw new Error(`timed out: ${what}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };
  return {
    token,
    async registerOnlineAgent(agentId: string, group: string, capacity = 3) {
      const supervisor = await token('supervisor-smoke', 'supervisor');
      const created = await json(`${cs}/v1/agents`, {
        method: 'POST',
        token: supervisor,
        body: JSON.stringify({ agentId, capacity, groups: [group], skills: [], weight: 1 }),
      });
      expect(created.status).toBe(201);
      const online = await json(`${cs}/v1/agents/${agentId}/status`, {
        method: 'PUT',
        token: await token(agentId, 'agent'),
        body: JSON.stringify({ status: 'online' }),
      });
      expect(online.status).toBe(200);
    },
    async untilAssigned(consultationId: string, agentId: string) {
      const bearer = await token(agentId, 'agent');
      await until(`consultation ${consultationId} assigned`, async () => {
        const res = await json(`${cs}/v1/consultations/${consultationId}`, { token: bearer });
        return res.body.state === 'assigned';
      });
    },
    /** Waits until routing assigned the consultation; the agent it chose. */
    async assignedAgent(consultationId: string) {
      const bearer = await token('supervisor-load', 'supervisor');
      let agentId: string | undefined;
      await until(`consultation ${consultationId} assigned`, async () => {
        const res = await json(`${cs}/v1/consultations/${consultationId}`, { token: bearer });
        if (res.body.state === 'assigned') agentId = res.body.agentId as string;
        return agentId !== undefined;
      });
      return agentId!;
    },
    async accept(consultationId: string, agentId: string) {
      const res = await json(`${cs}/v1/consultations/${consultationId}/accept`, {
        method: 'POST',
        token: await token(agentId, 'agent'),
        body: '{}',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
    async untilMember(conversationId: string, agentId: string) {
      const bearer = await token(agentId, 'agent');
      await until(`agent member of ${conversationId}`, async () => {
        const res = await json(`${im}/v1/conversations/${conversationId}`, { token: bearer });
        return res.status === 200;
      });
    },
    async allocate(gateway: ServiceProcess, userId: string) {
      const res = await json(`${gateway.url}/v1/gateways/allocate`, {
        token: await token(userId, 'customer'),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { gatewayId: string; url: string };
    },
    /** A group conversation owned by `ownerId` with `others` as members; its id. */
    async createGroup(ownerId: string, others: readonly string[]) {
      const res = await json(`${im}/v1/conversations`, {
        method: 'POST',
        token: await token(ownerId, 'customer'),
        body: JSON.stringify({ kind: 'group', members: others.map((userId) => ({ userId })) }),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    },
    /** `GET /v1/gateways/allocate` at `gatewayUrl`; throws when that gateway does not answer. */
    async allocateAt(gatewayUrl: string, bearer: string) {
      const res = await fetch(`${gatewayUrl}/v1/gateways/allocate`, {
        headers: { authorization: `Bearer ${bearer}` },
        signal: AbortSignal.timeout(2_000),
      });
      if (res.status !== 200) throw new Error(`allocate at ${gatewayUrl}: ${res.status}`);
      return ((await res.json()) as { url: string }).url;
    },
    async post(im: ServiceProcess, conversationId: string, userId: string, text: string) {
      return json(`${im.url}/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        token: await token(userId, 'customer'),
        body: JSON.stringify({ clientMsgId: `${userId}-${text}`, type: 'text', text }),
      });
    },
    async metrics(service: ServiceProcess) {
      return (await fetch(`${service.url}/metrics`)).text();
    },
  };
}
