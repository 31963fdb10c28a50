import { consultationStream } from '@switchboard/consultation';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { randomUUID } from 'node:crypto';
import { eventually as harnessEventually } from '../../../apps/switchboard/test/switchboard.harness';
import type { WebApp } from './web.app';

/** A readable id unique to this run (no state shared between tests). */
export const freshId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * The harness's `eventually` (polls until `check` stops throwing: read models and projections
 * follow the log) with a longer default: here a browser shares the machine with the app.
 */
export const eventually = <T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> =>
  harnessEventually(check, timeoutMs);

export interface Opened {
  readonly id: string;
  readonly conversationId: string;
}

/** A customer opens a consultation in a group no agent serves: it waits in `group:<group>`. */
export async function openWaiting(
  app: WebApp,
  customerId: string,
  group: string,
  domain = 'shop',
): Promise<Opened> {
  return app
    .api(customerId, 'customer')
    .call<Opened>('POST', '/v1/consultations', { domain, group });
}

/** A supervisor hands a waiting consultation to an agent. */
export async function assign(app: WebApp, consultationId: string, agentId: string): Promise<void> {
  await app
    .api('supervisor-seed', 'supervisor')
    .call('POST', `/v1/consultations/${consultationId}/assign`, { agentId });
}

/** A text message; retried until the sender's membership (projected asynchronously) exists. */
export async function say(
  app: WebApp,
  userId: string,
  role: 'customer' | 'agent',
  conversationId: string,
  text: string,
): Promise<void> {
  const clientMsgId = randomUUID();
  await eventually(() =>
    app.api(userId, role).call('POST', `/v1/conversations/${conversationId}/messages`, {
      clientMsgId,
      type: 'text',
      text,
    }),
  );
}

/**
 * The whole life of one consultation through the REST API: the customer opens it (in a group
 * nobody serves), a supervisor assigns it, the agent accepts and answers, resolves, the
 * customer rates it `score`, the agent closes it.
 */
export async function servedAndClosed(
  app: WebApp,
  { agentId, customerId, score }: { agentId: string; customerId: string; score?: number },
): Promise<Opened> {
  const opened = await openWaiting(app, customerId, freshId('nobody'));
  const path = `/v1/consultations/${opened.id}`;
  const agent = app.api(agentId, 'agent');
  await assign(app, opened.id, agentId);
  await agent.call('POST', `${path}/accept`);
  await say(app, customerId, 'customer', opened.conversationId, 'Where is my parcel?');
  await say(app, agentId, 'agent', opened.conversationId, 'It ships today.');
  await agentActivityRecorded(app, opened.id);
  await agent.call('POST', `${path}/resolve`);
  if (score !== undefined) {
    await app.api(customerId, 'customer').call('POST', `${path}/rate`, { score });
  }
  await agent.call('POST', `${path}/close`, {});
  return opened;
}

/**
 * The agent's reply counts as the first response once the consultation has recorded it (a
 * reactor does that from the message topic, after the POST answered). No REST route shows
 * it, so this waits on the consultation's stream: resolving earlier would make the QA checks
 * read "no response".
 */
async function agentActivityRecorded(app: WebApp, consultationId: string): Promise<void> {
  const store = app.harness.app.get<EventStore>(EVENT_STORE);
  await eventually(async () => {
    const events = await store.readStream(consultationStream(consultationId));
    const recorded = events.some(
      (e) =>
        e.type === 'ConsultationActivityRecorded' && (e.data as { by?: string }).by === 'agent',
    );
    if (!recorded) throw new Error(`no agent activity on ${consultationId} yet`);
  });
}
