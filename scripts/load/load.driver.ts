import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { openChatSocket, type PushedMessage as Pushed } from './chat.socket';
import type { ChatPair } from './load.setup';
import type { LoadStats } from './load.report';

/** What the driver needs of a `message.new` push. */

interface Ack {
  readonly ok: boolean;
  readonly error?: { readonly code: string };
}

/** Open loop at a fixed rate, or closed loop with `window` round trips in flight per pair. */
export type DrivePlan =
  | { readonly mode: 'rate'; readonly rate: number }
  | { readonly mode: 'closed'; readonly window: number };

export interface DriverOptions {
  readonly url: string;
  readonly pairs: readonly ChatPair[];
  /** Text of every message (its size is the payload). */
  readonly text?: string;
  readonly ackTimeoutMs?: number;
  /** Prefix of clientMsgIds, unique per driver (several drivers share conversations' ids). */
  readonly idPrefix?: string;
}

const DEFAULT_TEXT = 'Hello, I have a question about my booking for next week, can you help?';

/**
 * Customers send `message.send` to their consultation's conversation; the agent answers each
 * one as soon as its `message.new` arrives. Latency is from the send to the PEER's
 * `message.new` (both ends live in this process, so one clock), for both directions. The same
 * code drives Switchboard and the bare relay, switched by URL.
 */
export class ChatDriver {
  private readonly sockets = new Map<string, Socket>();
  private readonly pending = new Map<string, number>();
  private readonly text: string;
  private readonly prefix: string;
  private counter = 0;
  private windowStart = Number.POSITIVE_INFINITY;
  private latencies: number[] = [];
  private sent = 0;
  private delivered = 0;
  private errors: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private plan: DrivePlan | undefined;

  constructor(private readonly options: DriverOptions) {
    this.text = options.text ?? DEFAULT_TEXT;
    this.prefix = options.idPrefix ?? `ld${process.pid}`;
  }

  /** Connects one socket per distinct user, then joins every conversation (a sync). */
  async connect(concurrency = 100): Promise<void> {
    const users = new Map<string, { token: string; conversations: string[] }>();
    for (const pair of this.options.pairs) {
      users.set(pair.customerId, {
        token: pair.customerToken,
        conversations: [pair.conversationId],
      });
      const agent = users.get(pair.agentId) ?? { token: pair.agentToken, conversations: [] };
      agent.conversations.push(pair.conversationId);
      users.set(pair.agentId, agent);
    }
    const entries = [...users.entries()];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < entries.length) {
        const [userId, user] = entries[next++]!;
        const socket = await this.open(userId, user.token);
        for (let i = 0; i < user.conversations.length; i += 200) {
          const cursors = user.conversations
            .slice(i, i + 200)
            .map((conversationId) => ({ conversationId, afterSeq: 0 }));
          await socket.timeout(30_000).emitWithAck('conversation.sync', { cursors, limit: 1 });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }

  private async open(userId: string, token: string): Promise<Socket> {
    const auth = { token, deviceId: `load-${userId}` };
    const socket = await openChatSocket(this.options.url, userId, auth, (m) =>
      this.onPeerMessage(userId, m),
    );
    this.sockets.set(userId, socket);
    return socket;
  }

  private onPeerMessage(receiverId: string, message: Pushed): void {
    const sentAt = this.pending.get(message.clientMsgId);
    if (sentAt === undefined) return; // a duplicate push, or not ours (a system message)
    this.pending.delete(message.clientMsgId);
    if (sentAt >= this.windowStart) {
      this.latencies.push(performance.now() - sentAt);
      this.delivered++;
    }
    const fromCustomer = message.clientMsgId.startsWith(`${this.prefix}c`);
    if (fromCustomer) this.send(receiverId, message.conversationId, 'a');
    else if (this.plan?.mode === 'closed') this.send(receiverId, message.conversationId, 'c');
  }

  private send(userId: string, conversationId: string, side: 'c' | 'a'): void {
    const socket = this.sockets.get(userId);
    if (socket === undefined || !socket.connected) {
      this.count('DISCONNECTED');
      return;
    }
    const clientMsgId = `${this.prefix}${side}${this.counter++}`;
    const sentAt = performance.now();
    this.pending.set(clientMsgId, sentAt);
    if (sentAt >= this.windowStart) this.sent++;
    socket
      .timeout(this.options.ackTimeoutMs ?? 10_000)
      .emit(
        'message.send',
        { conversationId, clientMsgId, type: 'text', text: this.text },
        (error: Error | null, ack?: Ack) => {
          if (error !== null) this.fail(clientMsgId, sentAt, 'TIMEOUT');
          else if (ack?.ok !== true) this.fail(clientMsgId, sentAt, ack?.error?.code ?? 'BAD_ACK');
        },
      );
  }

  private fail(clientMsgId: string, sentAt: number, code: string): void {
    this.pending.delete(clientMsgId);
    if (sentAt >= this.windowStart) this.count(code);
  }

  private count(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  /** Starts sending. Counting starts only at `beginWindow`. */
  start(plan: DrivePlan): void {
    this.plan = plan;
    const pairs = this.options.pairs;
    if (plan.mode === 'closed') {
      for (const pair of pairs)
        for (let i = 0; i < plan.window; i++) this.send(pair.customerId, pair.conversationId, 'c');
      return;
    }
    const began = performance.now();
    let scheduled = 0;
    let cursor = 0;
    // Open loop: whatever is due is sent, late or not, so a slow server shows in the latency.
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - began) * plan.rate) / 1000);
      for (; scheduled < due; scheduled++) {
        const pair = pairs[cursor++ % pairs.length]!;
        this.send(pair.customerId, pair.conversationId, 'c');
      }
    }, 5);
  }

  /** Forgets everything counted so far: the measured window starts now. */
  beginWindow(): void {
    this.windowStart = performance.now();
    this.latencies = [];
    this.sent = 0;
    this.delivered = 0;
    this.errors = {};
  }

  /** What the window has counted so far. */
  snapshot(): LoadStats {
    return {
      latenciesMs: this.latencies,
      sent: this.sent,
      delivered: this.delivered,
      seconds: (performance.now() - this.windowStart) / 1000,
      errors: { ...this.errors },
    };
  }

  /** Stops scheduling customer messages (agents still answer what is in flight). */
  stop(): LoadStats {
    const stats = this.snapshot();
    if (this.timer !== undefined) clearInterval(this.timer);
    this.plan = undefined;
    this.windowStart = Number.POSITIVE_INFINITY;
    return stats;
  }

  /** Waits until nothing is in flight (or `timeoutMs`): the next run starts from quiet. */
  async drain(timeoutMs = 5_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    this.plan = { mode: 'rate', rate: 0 };
    while (this.pending.size > 0 && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    this.pending.clear();
    this.plan = undefined;
  }

  close(): void {
    for (const socket of this.sockets.values()) socket.disconnect();
    this.sockets.clear();
  }
}
