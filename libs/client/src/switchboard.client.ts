import { CursorStore, MemoryCursorStore } from './cursor.store';
import { TypedEmitter } from './event.emitter';
import { LongPollTransport } from './long-poll.transport';
import { MessageInbox } from './message.inbox';
import { MessageSequencer } from './message.sequencer';
import { RestClient, type FetchLike } from './rest.client';
import { backoffDelay, retryPolicy, sleep, type RetryOptions } from './retry.policy';
import { SocketTransport } from './socket.transport';
import { CLIENT_ERROR_CODES, SwitchboardError } from './switchboard.error';
import { ConnectionGate } from './connection.gate';
import type {
  ClientEvents,
  ConnectionState,
  ConversationSummary,
  DeviceKind,
  MessageView,
  OpenConsultationInput,
  OpenedConsultation,
  SendInput,
  SyncCursor,
  SyncResult,
  TokenSource,
  UploadedFile,
} from './client.types';
import type { PushEvent, RequestEvent, Transport, TransportHandlers } from './transport.port';

export interface SwitchboardClientOptions {
  /** Server origin, e.g. `http://localhost:3000` (socket.io and REST). */
  readonly url: string;
  readonly token: TokenSource;
  /** `socket` (default), `long-poll` (REST only), or a Transport of your own. */
  readonly transport?: 'socket' | 'long-poll' | Transport;
  /** socket.io engine transports, e.g. `['polling']`. */
  readonly socketTransports?: readonly ('websocket' | 'polling')[];
  readonly device?: DeviceKind;
  /** Stable per installation (read cursors are per device). Default: a random UUID. */
  readonly deviceId?: string;
  /** Default: in memory. Pass a shared or `LocalStorageCursorStore` to resume after a reload. */
  readonly cursorStore?: CursorStore;
  /** One attempt's timeout. Default 10 s. */
  readonly requestTimeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Messages per sync page. Default 100. */
  readonly syncLimit?: number;
  /** Long-poll: park time (default 25 s) and conversation discovery period (default 30 s). */
  readonly longPoll?: { readonly waitSeconds?: number; readonly discoverIntervalMs?: number };
  /**
   * Socket only: how often to sync from the cursors while connected, so that a lost push of a
   * conversation's LAST message (no later seq reveals the gap) is found. Default 60 s; 0 = off.
   */
  readonly resyncIntervalMs?: number;
  /** `GET /v1/conversations` on connect to track conversations new to this client. Default true. */
  readonly discoverConversations?: boolean;
  readonly fetch?: FetchLike;
}

const PUSH_TO_EVENT = {
  'consultation.updated': 'consultation',
  presence: 'presence',
  read: 'read',
  typing: 'typing',
} as const satisfies Record<PushEvent, keyof ClientEvents>;

/**
 * Switchboard's client. Guarantees, over either transport: a send is retried with the same
 * clientMsgId until the server acks it durably (or refuses it with a typed error), and is
 * queued while offline; every message reaches `on('message')` exactly once per instance, in
 * seq order per conversation (own sends included); after every (re)connect the client syncs
 * from its cursors before live delivery resumes.
 */
export class SwitchboardClient {
  private readonly events = new TypedEmitter<ClientEvents>((error) => this.reportError(error));
  private readonly rest: RestClient;
  private readonly transport: Transport;
  private readonly gate = new ConnectionGate();
  private readonly retry;
  private readonly sendChains = new Map<string, Promise<unknown>>();
  private readonly cursorStore: CursorStore;
  private inbox: MessageInbox | undefined;
  private connecting: Promise<void> | undefined;
  private generation = 0;
  private resyncTimer: ReturnType<typeof setInterval> | undefined;
  private resyncing = false;
  private state: ConnectionState = 'disconnected';
  readonly deviceId: string;

  constructor(private readonly options: SwitchboardClientOptions) {
    this.rest = new RestClient(options.url, options.token, options.fetch);
    this.retry = retryPolicy(options.retry);
    this.cursorStore = options.cursorStore ?? new MemoryCursorStore();
    this.deviceId = options.deviceId ?? globalThis.crypto.randomUUID();
    this.transport = this.createTransport(options.transport ?? 'socket');
  }

  /** `POST /v1/auth/dev-token` (development servers only). */
  static async devToken(
    url: string,
    userId: string,
    role: string,
    fetch?: FetchLike,
  ): Promise<string> {
    const rest = new RestClient(url, undefined, fetch);
    return (await rest.call<{ token: string }>('POST', '/v1/auth/dev-token', { userId, role }))
      .token;
  }

  /** Resolves once connected and caught up; rejects with the server's code if refused. */
  connect(): Promise<void> {
    this.connecting ??= this.start();
    return this.connecting;
  }

  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): void {
    this.events.off(event, listener);
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  /** Highest contiguous seq delivered, per tracked conversation. */
  cursors(): SyncCursor[] {
    return this.inbox?.cursors() ?? [];
  }

  /** Follow a conversation from its first message (normally learnt from pushes or discovery). */
  async follow(conversationId: string): Promise<void> {
    await this.connect();
    if (this.inbox?.track(conversationId)) await this.inbox.resync();
  }

  /** Sends in call order per conversation; resolves with the stored message. */
  send(input: SendInput): Promise<MessageView> {
    const payload = { ...input, clientMsgId: globalThis.crypto.randomUUID() };
    const previous = this.sendChains.get(input.conversationId) ?? Promise.resolve();
    const sent = previous.then(async () => {
      const ack = (await this.requestWithRetry('message.send', payload)) as {
        message: MessageView;
      };
      this.inbox?.live(ack.message);
      return ack.message;
    });
    const tail = sent.catch(() => undefined);
    this.sendChains.set(input.conversationId, tail);
    void tail.then(() => {
      if (this.sendChains.get(input.conversationId) === tail)
        this.sendChains.delete(input.conversationId);
    });
    return sent;
  }

  async markRead(conversationId: string, seq: number): Promise<number> {
    const ack = await this.requestWithRetry('conversation.read', { conversationId, seq });
    return (ack as { seq: number }).seq;
  }

  /** Ephemeral: one attempt, only while connected. */
  async typing(conversationId: string, typing: boolean): Promise<void> {
    await this.transport.request('typing', { conversationId, typing }, this.requestTimeout());
  }

  /** One attempt once connected (not idempotent: a blind retry could open two). */
  async openConsultation(input: OpenConsultationInput): Promise<OpenedConsultation> {
    await this.gate.wait();
    const ack = await this.transport.request(
      'consultation.open',
      { ...input },
      this.requestTimeout(),
    );
    const { consultation } = ack as { consultation: OpenedConsultation };
    this.inbox?.track(consultation.conversationId);
    return consultation;
  }

  async rate(consultationId: string, score: number, comment?: string): Promise<void> {
    await this.gate.wait();
    const payload =
      comment === undefined ? { consultationId, score } : { consultationId, score, comment };
    await this.transport.request('consultation.rate', payload, this.requestTimeout());
  }

  /** `GET /v1/conversations`. */
  conversations(): Promise<ConversationSummary[]> {
    return this.rest.call<ConversationSummary[]>('GET', '/v1/conversations', undefined, {
      timeoutMs: this.requestTimeout(),
    });
  }

  /** `POST /v1/uploads` (multipart `file`); send the returned id as `attachmentId`. */
  upload(file: Blob, name: string): Promise<UploadedFile> {
    const form = new FormData();
    form.append('file', file, name);
    return this.rest.call<UploadedFile>('POST', '/v1/uploads', form, { timeoutMs: 60_000 });
  }

  /** Stops everything; pending sends reject with CLIENT_CLOSED. */
  close(): void {
    if (this.state === 'closed') return;
    clearInterval(this.resyncTimer);
    this.transport.close();
    this.gate.fail(new SwitchboardError(CLIENT_ERROR_CODES.closed, 'Client closed'));
    this.setState('closed');
  }

  private async start(): Promise<void> {
    const sequencer = new MessageSequencer(await this.cursorStore.get());
    this.inbox = new MessageInbox({
      sequencer,
      cursorStore: this.cursorStore,
      retry: this.retry,
      sync: (cursors) => this.sync(cursors),
      deliver: (message) => this.events.emit('message', message),
      error: (error) => this.reportError(error),
    });
    const caughtUp = new Promise<void>((resolve, reject) => {
      const off = this.events.on('connection', (state, error) => {
        if (state === 'connected') resolve();
        else if (state === 'failed' || state === 'closed') reject(error);
        else return;
        off();
      });
    });
    this.setState('connecting');
    this.transport.open(this.handlers(this.inbox));
    this.startPeriodicResync(this.inbox);
    return caughtUp;
  }

  private handlers(inbox: MessageInbox): TransportHandlers {
    return {
      connected: () => void this.onConnected(inbox),
      disconnected: () => {
        this.gate.close();
        if (this.state !== 'closed' && this.state !== 'failed') this.setState('disconnected');
      },
      failed: (error) => {
        clearInterval(this.resyncTimer);
        this.transport.close();
        this.gate.fail(error);
        this.setState('failed', error);
      },
      message: (message) => inbox.live(message),
      polled: (messages) => inbox.synced(messages),
      push: (event, payload) => this.events.emit(PUSH_TO_EVENT[event], payload as never),
      cursors: () => inbox.cursors(),
    };
  }

  private async onConnected(inbox: MessageInbox): Promise<void> {
    const generation = ++this.generation;
    this.gate.open();
    const current = (): boolean => generation === this.generation && this.state !== 'closed';
    try {
      if (this.transport.kind === 'socket') await this.discover().catch((e) => this.reportError(e));
      await inbox.resync(current);
      if (current() && this.transport.isConnected()) this.setState('connected');
    } catch (error) {
      this.reportError(error);
    }
  }

  private startPeriodicResync(inbox: MessageInbox): void {
    const every = this.options.resyncIntervalMs ?? 60_000;
    if (this.transport.kind !== 'socket' || every <= 0) return;
    this.resyncTimer = setInterval(() => {
      if (this.resyncing || this.state !== 'connected') return;
      this.resyncing = true;
      inbox
        .resync(() => this.state === 'connected')
        .catch((error: unknown) => this.reportError(error))
        .finally(() => (this.resyncing = false));
    }, every);
  }

  private async discover(): Promise<void> {
    if (this.options.discoverConversations === false || this.inbox === undefined) return;
    for (const conversation of await this.conversations()) this.inbox.track(conversation.id);
  }

  private async sync(cursors: SyncCursor[]): Promise<SyncResult> {
    const limit = this.options.syncLimit ?? 100;
    return (await this.requestWithRetry('conversation.sync', { cursors, limit })) as SyncResult;
  }

  /** Waits for a connection, then retries retryable failures with backoff, same payload. */
  private async requestWithRetry(
    event: RequestEvent,
    payload: Record<string, unknown>,
  ): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      await this.gate.wait();
      try {
        return await this.transport.request(event, payload, this.requestTimeout());
      } catch (error) {
        const failure =
          error instanceof SwitchboardError
            ? error
            : new SwitchboardError('INTERNAL', String(error));
        if (!failure.retryable || attempt >= this.retry.maxAttempts || this.state === 'closed')
          throw failure;
        await sleep(backoffDelay(this.retry, attempt));
      }
    }
  }

  private createTransport(choice: 'socket' | 'long-poll' | Transport): Transport {
    if (typeof choice === 'object') return choice;
    if (choice === 'long-poll') {
      return new LongPollTransport({
        rest: this.rest,
        deviceId: this.deviceId,
        waitSeconds: this.options.longPoll?.waitSeconds,
        discoverIntervalMs: this.options.longPoll?.discoverIntervalMs,
        limit: this.options.syncLimit,
        retry: this.options.retry,
        discover: () => this.discover(),
      });
    }
    return new SocketTransport({
      url: this.options.url,
      token: this.options.token,
      device: this.options.device ?? 'web',
      deviceId: this.deviceId,
      transports: this.options.socketTransports,
    });
  }

  private requestTimeout(): number {
    return this.options.requestTimeoutMs ?? 10_000;
  }

  private setState(state: ConnectionState, error?: Error): void {
    if (this.state === state) return;
    this.state = state;
    this.events.emit('connection', state, error);
  }

  private reportError(error: unknown): void {
    this.events.emit('error', error instanceof Error ? error : new Error(String(error)));
  }
}
