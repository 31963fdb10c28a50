import { SwitchboardClient, type MessageView, type SwitchboardClientOptions } from '../../src';
import type { ScriptedServer } from './scripted.server';

export interface TestClient {
  readonly client: SwitchboardClient;
  /** Every message the client's `on('message')` listener saw, in order. */
  readonly received: MessageView[];
}

/** A client for `userId` against the scripted server, listening from the start. */
export function testClient(
  server: ScriptedServer,
  userId: string,
  options: Partial<SwitchboardClientOptions> = {},
  role: 'customer' | 'agent' = 'customer',
): TestClient {
  const client = new SwitchboardClient({
    url: server.url,
    token: server.store.tokenFor(userId, role),
    device: 'web',
    requestTimeoutMs: 1_000,
    retry: { initialDelayMs: 20, maxDelayMs: 200 },
    longPoll: { waitSeconds: 2, discoverIntervalMs: 500 },
    ...options,
  });
  const received: MessageView[] = [];
  client.on('message', (message) => received.push(message));
  return { client, received };
}

/** Polls a condition (the delivery itself is asynchronous); fails with a description. */
export async function waitFor(
  condition: () => boolean,
  describe: () => string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Seqs of the messages of one conversation, in the order they were delivered. */
export function seqsOf(received: readonly MessageView[], conversationId: string): number[] {
  return received.filter((m) => m.conversationId === conversationId).map((m) => m.seq);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
