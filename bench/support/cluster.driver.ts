import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { openChatSocket, type PushedMessage as Pushed } from '../../scripts/load/chat.socket';
import type { ClusterPair, ClusterStats } from './cluster.types';

interface Ack {
  readonly ok: boolean;
  readonly message?: { readonly id: string };
  readonly error?: { readonly code: string };
}

interface InFlight {
  readonly at: number;
  readonly wall: number;
}

const TEXT = 'Hello, I have a question about my booking for next week, can you help?';

/**
 * Customers send at a fixed rate, each agent answers every customer message when it arrives,
 * like the relay bench's driver, but every user connects to its own gateway URL so that sender
 * and recipient sit on different processes. Also keeps per-hop times (via the message's
 * `createdAt`) and, per gateway, which messages it should have been sent over the link.
 */
export class ClusterDriver {
  private readonly sockets = new Map<string, Socket>();
  private readonly pending = new Map<string, InFlight>();
  private readonly gatewaysOf = new Map<string, readonly number[]>();
  private counter = 0;
  private windowStart = Number.POSITIVE_INFINITY;
  private stats = ClusterDriver.empty(0);
  private timer: NodeJS.Timeout | undefined;
  private answering = false;

  constructor(
    private readonly pairs: readonly ClusterPair[],
    private readonly prefix: string,
  ) {
    for (const pair of pairs)
      this.gatewaysOf.set(pair.conversationId, [
        ...new Set([pair.customerGateway, pair.agentGateway]),
      ]);
  }

  private static empty(gateways: number) {
    return {
      latenciesMs: [] as number[],
      ackMs: [] as number[],
      toCreatedMs: [] as number[],
      createdToPeerMs: [] as number[],
      sent: 0,
      delivered: 0,
      errors: {} as Record<string, number>,
      expectedByGateway: Array.from({ length: gateways }, () => [] as string[]),
    };
  }

  /** One socket per user at its gateway, then a sync of its conversation (as the relay driver). */
  async connect(): Promise<void> {
    const sides = this.pairs.flatMap((p) => [
      { userId: p.customerId, token: p.customerToken, url: p.gatewayUrls[p.customerGateway]! },
      { userId: p.agentId, token: p.agentToken, url: p.gatewayUrls[p.agentGateway]! },
    ]);
    for (let i = 0; i < sides.length; i += 50)
      await Promise.all(sides.slice(i, i + 50).map((s) => this.open(s.userId, s.token, s.url)));
    await Promise.all(
      this.pairs.flatMap((p) =>
        [p.customerId, p.agentId].map((userId) =>
          this.sockets
            .get(userId)!
            .timeout(30_000)
            .emitWithAck('conversation.sync', {
              cursors: [{ conversationId: p.conversationId, afterSeq: 0 }],
              limit: 1,
            }),
        ),
      ),
    );
  }

  private async open(userId: string, token: string, url: string): Promise<Socket> {
    const auth = { token, deviceId: `bench-${userId}` };
    const socket = await openChatSocket(url, userId, auth, (m) => this.onPeerMessage(userId, m));
    this.sockets.set(userId, socket);
    return socket;
  }

  private onPeerMessage(receiverId: string, message: Pushed): void {
    const sent = this.pending.get(message.clientMsgId);
    if (sent === undefined) return; // a duplicate push, or not ours
    this.pending.delete(message.clientMsgId);
    if (sent.at >= this.windowStart) {
      const created = Date.parse(message.createdAt);
      this.stats.latenciesMs.push(performance.now() - sent.at);
      this.stats.toCreatedMs.push(created - sent.wall);
      this.stats.createdToPeerMs.push(Date.now() - created);
      this.stats.delivered++;
    }
    if (this.answering && message.clientMsgId.startsWith(`${this.prefix}c`))
      this.send(receiverId, message.conversationId, 'a');
  }

  private send(userId: string, conversationId: string, side: 'c' | 'a'): void {
    const socket = this.sockets.get(userId);
    if (socket === undefined || !socket.connected) return this.count('DISCONNECTED');
    const clientMsgId = `${this.prefix}${side}${this.counter++}`;
    const sent = { at: performance.now(), wall: Date.now() };
    this.pending.set(clientMsgId, sent);
    const counted = sent.at >= this.windowStart;
    if (counted) this.stats.sent++;
    socket
      .timeout(10_000)
      .emit(
        'message.send',
        { conversationId, clientMsgId, type: 'text', text: TEXT },
        (error: Error | null, ack?: Ack) => {
          if (error !== null || ack?.ok !== true || ack.message === undefined) {
            this.pending.delete(clientMsgId);
            if (counted) this.count(error !== null ? 'TIMEOUT' : (ack?.error?.code ?? 'BAD_ACK'));
            return;
          }
          if (!counted) return;
          this.stats.ackMs.push(performance.now() - sent.at);
          for (const g of this.gatewaysOf.get(conversationId) ?? [])
            this.stats.expectedByGateway[g]?.push(ack.message.id);
        },
      );
  }

  private count(code: string): void {
    this.stats.errors[code] = (this.stats.errors[code] ?? 0) + 1;
  }

  /** Customers send `rate` messages/s in all (round robin over pairs); agents answer each. */
  start(rate: number): void {
    this.answering = true;
    const began = performance.now();
    let scheduled = 0;
    let cursor = 0;
    // Open loop: whatever is due is sent, late or not, so a slow server shows in the latency.
    this.timer = setInterval(() => {
      const due = Math.floor(((performance.now() - began) * rate) / 1000);
      for (; scheduled < due; scheduled++) {
        const pair = this.pairs[cursor++ % this.pairs.length]!;
        this.send(pair.customerId, pair.conversationId, 'c');
      }
    }, 5);
  }

  /** The measured window starts now; `gateways` is how many gateways the pairs use. */
  beginWindow(gateways: number): void {
    this.windowStart = performance.now();
    this.stats = ClusterDriver.empty(gateways);
  }

  /** Stops sending, lets in-flight messages land (or `timeoutMs`), returns the window. */
  async stop(timeoutMs = 5_000): Promise<ClusterStats> {
    clearInterval(this.timer);
    this.answering = false;
    const seconds = (performance.now() - this.windowStart) / 1000;
    const deadline = performance.now() + timeoutMs;
    while (this.pending.size > 0 && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    for (const [, sent] of this.pending) if (sent.at >= this.windowStart) this.count('UNDELIVERED');
    this.pending.clear();
    return { ...this.stats, seconds };
  }

  close(): void {
    for (const socket of this.sockets.values()) socket.disconnect();
    this.sockets.clear();
  }
}
