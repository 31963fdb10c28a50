import { MemoryCursorStore, type MessageView, SwitchboardClient } from '@switchboard/client';
import { AuthTokenService } from '@switchboard/platform';
import { expect } from 'vitest';
import type { WebApp } from './web.app';
import { freshId } from './widget.page';

/*
 * The server side of the widget tests: what a supervisor or admin configures, and an agent
 * driven from Node through the SDK (the agent desktop has its own tests).
 */

/** The greeting (domain-wide auto replies) and a queue message, as a supervisor sets them. */
export async function configureAutoReplies(app: WebApp, domain: string, greeting: string) {
  await app
    .api('supervisor-1', 'supervisor')
    .call('PUT', `/v1/service-settings/domain:${domain}/auto-replies`, {
      greeting,
      queueMessage: 'You are number {position} in the queue.',
      outOfHoursMessage: null,
    });
}

export async function addFaqEntry(
  app: WebApp,
  domain: string,
  entry: { question: string; answer: string; keywords: string[] },
) {
  await app.api('admin-1', 'admin').call('POST', `/v1/faq/${domain}/entries`, entry);
}

export interface AgentSide {
  readonly id: string;
  readonly client: SwitchboardClient;
  /** Every message the agent's SDK delivered, in delivery order. */
  readonly seen: MessageView[];
  readonly typing: { conversationId: string; userId: string; typing: boolean }[];
  accept(consultationId: string): Promise<void>;
  resolve(consultationId: string): Promise<void>;
  say(conversationId: string, text: string): Promise<MessageView>;
}

/**
 * An agent driven from Node through the SDK (the agent desktop is not under test here):
 * registered online in `group`, its SwitchboardClient connected.
 */
export async function agentSide(
  app: WebApp,
  group: string,
  options: { capacity?: number; status?: 'online' | 'offline' } = {},
): Promise<AgentSide> {
  const id = freshId('agent');
  await app.agent(id, { groups: [group], capacity: options.capacity ?? 5, status: options.status });
  const token = app.harness.app.get(AuthTokenService).sign({ userId: id, role: 'agent' });
  const client = new SwitchboardClient({
    url: app.url,
    token,
    device: 'desktop',
    cursorStore: new MemoryCursorStore(),
  });
  const seen: MessageView[] = [];
  const typing: AgentSide['typing'] = [];
  client.on('message', (m) => seen.push(m));
  client.on('typing', (e) => typing.push(e));
  await client.connect();
  const rest = app.api(id, 'agent');
  return {
    id,
    client,
    seen,
    typing,
    async accept(consultationId) {
      await expect
        .poll(
          () =>
            rest.call('POST', `/v1/consultations/${consultationId}/accept`, {}).then(
              () => true,
              () => false,
            ),
          {
            timeout: 10_000,
          },
        )
        .toBe(true);
      const view = await rest.call<{ conversationId: string }>(
        'GET',
        `/v1/consultations/${consultationId}`,
      );
      await client.follow(view.conversationId);
    },
    async resolve(consultationId) {
      await rest.call('POST', `/v1/consultations/${consultationId}/resolve`, {});
    },
    say: (conversationId, text) => client.send({ conversationId, type: 'text', text }),
  };
}
