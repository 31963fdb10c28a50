import { TOPICS } from '@switchboard/contracts';
import { randomUUID } from 'node:crypto';
import { eventually } from '../consultations/consultations.fixture';
import { type App, type Published, rest, waitForKinds } from './contracts.fixture';

const MINUTE = 60_000;
const ALL_DAY = [{ open: '00:00', close: '24:00' }];
const WEEK = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, ALL_DAY]),
);

const consultation = (type: string) => `${TOPICS.consultationEvents} ${type} v1`;
const im = (type: string) => `${TOPICS.imMessages} ${type} v1`;
const agent = (type: string) => `${TOPICS.agentEvents} ${type} v1`;

/**
 * Drives the app through every path that publishes a public message: agent set-up and changes,
 * routing with auto replies, accept, a chat (text, internal note, read cursor, a moderated
 * message), transfer, resolve, rate, close, reopen, an accept timeout (requeue) and an idle
 * consultation warned then closed by its timers. `advance` moves the app's timer clock.
 */
export async function runScenario(
  app: App,
  published: readonly Published[],
  advance: (ms: number) => void,
): Promise<void> {
  const { ok, send, state, supervisor } = rest(app);
  const group = app.id('team');
  const agentA = app.id('agent');
  const agentB = app.id('agent');
  const customerId = app.id('customer');
  const customer = app.bearer(customerId, 'customer');
  const asA = app.bearer(agentA, 'agent');
  const asB = app.bearer(agentB, 'agent');

  // Agents: register, online, capacity, groups, skills, weight.
  for (const [agentId, as] of [
    [agentA, asA],
    [agentB, asB],
  ] as const) {
    const body = { agentId, name: 'Ada', capacity: 3, groups: [group], skills: [], weight: 1 };
    await ok('post', '/v1/agents', supervisor, body);
    await ok('put', `/v1/agents/${agentId}/status`, as, { status: 'online' });
  }
  await ok('put', `/v1/agents/${agentB}/status`, asB, { status: 'away' });
  await ok('put', `/v1/agents/${agentA}/capacity`, supervisor, { capacity: 5 });
  await ok('put', `/v1/agents/${agentA}/groups`, supervisor, { groups: [group, app.id('vip')] });
  await ok('put', `/v1/agents/${agentA}/skills`, supervisor, { skills: ['english', 'french'] });
  await ok('put', `/v1/agents/${agentA}/weight`, supervisor, { weight: 2 });

  // Auto replies for the group, open around the clock.
  const settings = `/v1/service-settings/group:${group}`;
  await ok('put', `${settings}/business-hours`, supervisor, {
    timezone: 'UTC',
    weekly: WEEK,
    holidays: [],
  });
  await ok('put', `${settings}/auto-replies`, supervisor, {
    greeting: 'Hello, how can we help?',
    queueMessage: 'You are number {position} in the queue.',
    outOfHoursMessage: 'We are closed until {nextOpening}.',
  });

  // 1. Routed to A (B is away), greeted, accepted, a chat.
  const first = await ok('post', '/v1/consultations', customer, {
    domain: 'travel',
    group,
    subject: 'Refund',
    context: { orderId: 'o-1', nights: 2, vip: false },
  });
  const c1 = first.id as string;
  const conversation = first.conversationId as string;
  await eventually(async () => {
    if ((await state(c1)).state !== 'assigned') throw new Error('not assigned yet');
  }, 5000);
  await ok('post', `/v1/consultations/${c1}/accept`, asA);
  const messages = `/v1/conversations/${conversation}/messages`;
  await eventually(() => ok('post', messages, asA, text('Hello, I am Ada.')), 5000);
  await ok('post', messages, customer, text('My flight was cancelled.'));
  await ok('post', messages, asA, { ...text('Refund looks fine.'), internal: true });
  const rejected = await send('post', messages, customer, text('this is a forbiddenword'));
  if (rejected.status < 400) throw new Error('the moderated message was accepted');
  await ok('post', `/v1/conversations/${conversation}/read`, customer, {
    seq: 1,
    deviceId: 'web-1',
  });
  await waitForKinds(published, [im('MessageRejected'), im('ReadCursorMoved')]);

  // 2. Transfer to B (back online), who accepts and resolves; rated, closed.
  await ok('put', `/v1/agents/${agentB}/status`, asB, { status: 'online' });
  await ok('post', `/v1/consultations/${c1}/transfer`, asA, { agentId: agentB, reason: 'billing' });
  await ok('post', `/v1/consultations/${c1}/accept`, asB);
  await ok('post', `/v1/consultations/${c1}/resolve`, asB);
  await ok('post', `/v1/consultations/${c1}/rate`, customer, { score: 4, comment: 'Quick' });
  await ok('post', `/v1/consultations/${c1}/close`, customer, {});
  await waitForKinds(published, [im('MemberRemoved'), im('ConversationClosed')]);

  // 3. Reopened by the customer after a resolve, then closed from the queue.
  const unserved = app.id('nobody');
  const second = await ok('post', '/v1/consultations', customer, {
    domain: 'shop',
    group: unserved,
  });
  const c2 = second.id as string;
  await ok('post', `/v1/consultations/${c2}/assign`, supervisor, { agentId: agentA });
  await ok('post', `/v1/consultations/${c2}/accept`, asA);
  await ok('post', `/v1/consultations/${c2}/resolve`, asA);
  await ok('post', `/v1/consultations/${c2}/reopen`, customer);
  await ok('post', `/v1/consultations/${c2}/close`, supervisor, { reason: 'duplicate' });
  await waitForKinds(published, [consultation('ConsultationReopened')]);

  // 4. Not accepted in time: the accept timer fires and requeues it.
  const third = await ok('post', '/v1/consultations', customer, {
    domain: 'shop',
    group: unserved,
  });
  const c3 = third.id as string;
  await ok('post', `/v1/consultations/${c3}/assign`, supervisor, { agentId: agentB });
  await waitForKinds(published, [consultation('TimerScheduled')]);
  advance(2 * MINUTE);
  await waitForKinds(published, [consultation('ConsultationRequeued')]);

  // 5. Accepted, then silent: warned, then closed for inactivity.
  const fourth = await ok('post', '/v1/consultations', customer, {
    domain: 'shop',
    group: unserved,
  });
  const c4 = fourth.id as string;
  await ok('post', `/v1/consultations/${c4}/assign`, supervisor, { agentId: agentA });
  await ok('post', `/v1/consultations/${c4}/accept`, asA);
  await eventually(async () => {
    const events = published.filter((m) => m.key === c4 && m.type === 'TimerScheduled');
    if (events.length < 3) throw new Error('idle timers not scheduled yet');
  }, 5000);
  advance(6 * MINUTE);
  await waitForKinds(published, [consultation('IdleWarningIssued')]);
  advance(6 * MINUTE);
  await eventually(async () => {
    if ((await state(c4)).state !== 'closed') throw new Error('not closed for inactivity yet');
  }, 5000);
  await waitForKinds(published, [agent('AgentConsultationReleased'), consultation('TimerFired')]);
}

function text(body: string) {
  return { clientMsgId: randomUUID(), type: 'text', text: body };
}
