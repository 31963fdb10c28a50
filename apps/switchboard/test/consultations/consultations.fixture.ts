import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { AuthTokenService, type Role } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { type Harness, startSwitchboard } from '../switchboard.harness';

export interface Api {
  readonly harness: Harness;
  readonly server: Server;
  readonly store: EventStore;
  /** `Authorization` header value for a user. */
  bearer(userId: string, role: Role): string;
  /**
   * Events in `$all` once the log is quiet (the routing runtime reacts to writes in the
   * background): "nothing appended" then means neither by the request nor by a reaction to it.
   */
  countAll(): Promise<number>;
  /** A fresh user id with a readable prefix (no state shared between tests). */
  id(prefix: string): string;
  /** Registers an agent and sets it online; returns its id. */
  onlineAgent(options?: { groups?: string[]; capacity?: number }): Promise<string>;
  /** Opens a consultation as `customerId` in a group nobody serves (stays pending). */
  open(customerId: string, body?: Record<string, unknown>): Promise<string>;
}

/** Boots Switchboard (temp SQLite file, in-process bus) with helpers for the REST tests. */
export async function startApi(env: Readonly<Record<string, string>> = {}): Promise<Api> {
  const harness = await startSwitchboard({ env: { LOG_LEVEL: 'warn', ...env } });
  const server = harness.app.getHttpServer() as Server;
  const store = harness.app.get<EventStore>(EVENT_STORE);
  const tokens = harness.app.get(AuthTokenService);
  const bearer = (userId: string, role: Role) => `Bearer ${tokens.sign({ userId, role })}`;
  const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
  return {
    harness,
    server,
    store,
    bearer,
    id,
    countAll: () => quietCount(store),
    async onlineAgent({ groups = [id('team')], capacity = 3 } = {}) {
      const agentId = id('agent');
      await registerOnlineAgent(server, bearer, { agentId, capacity, groups });
      return agentId;
    },
    async open(customerId, body = { domain: 'travel', group: id('nobody') }) {
      const res = await request(server)
        .post('/v1/consultations')
        .set('Authorization', bearer(customerId, 'customer'))
        .send(body)
        .expect(201);
      return res.body.id as string;
    },
  };
}

export { eventually } from '../switchboard.harness';

/** Registers an agent (as a supervisor) and sets it online (as itself), over REST. */
export async function registerOnlineAgent(
  server: Server,
  bearer: (userId: string, role: Role) => string,
  agent: { agentId: string; capacity: number; groups: readonly string[] },
): Promise<void> {
  await request(server)
    .post('/v1/agents')
    .set('Authorization', bearer('supervisor-1', 'supervisor'))
    .send({ ...agent, skills: [], weight: 1 })
    .expect(201);
  await request(server)
    .put(`/v1/agents/${agent.agentId}/status`)
    .set('Authorization', bearer(agent.agentId, 'agent'))
    .send({ status: 'online' })
    .expect(200);
}

/** `request(server)[method](url)` without a computed member across a line break. */
export function call(api: Api, method: 'get' | 'post' | 'put', url: string): request.Test {
  return request(api.server)[method](url);
}

/** How long, and across how many event-loop turns, the log must not grow to count as quiet. */
const QUIET_MS = 50;
const QUIET_TURNS = 20;

/**
 * The runtime's reactions advance one event-loop turn per step (subscription read, drain, group
 * commit), so quiet is measured in turns as well as in time: on a loaded CI machine a starved
 * process fires its 50 ms timer late without having run the steps still queued, and a
 * time-only window then counted a log that was about to grow (one event off, now and then).
 */
async function quietCount(store: EventStore): Promise<number> {
  let last = (await store.readAll()).length;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    for (let turn = 0; turn < QUIET_TURNS; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const now = (await store.readAll()).length;
    if (now === last) return now;
    last = now;
  }
}
