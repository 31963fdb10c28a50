import { randomUuid } from './random-uuid';
import { ConnectionGate } from './connection.gate';
import { ConnectionSupervisor } from './connection.supervisor';
import { ConversationCatalog } from './conversation.catalog';
import { MemoryCursorStore, type CursorStore } from './cursor.store';
import { TypedEmitter } from './event.emitter';
import { MessageInbox } from './message.inbox';
import { MessageSequencer } from './message.sequencer';
import { RequestRunner } from './request.runner';
import { RestClient, type FetchLike } from './rest.client';
import { retryPolicy } from './retry.policy';
import type { SwitchboardClientOptions } from './switchboard-client.options';
import { createTransport } from './transport.factory';
import type {
  ClientEvents,
  ConnectionState,
  ConversationSummary,
  MessageView,
  OpenConsultationInput,
  OpenedConsultation,
  SendInput,
  SyncCursor,
  UploadedFile,
} from './client.types';
import type { Transport } from './transport.port';

/**
 * Switchboard's client. Guarantees, over either transport: a send is retried with the same
 * clientMsgId until the server acks it durably (or refuses it with a typed error), and is
 * queued while offline; every message reaches `on('message')` exactly once per instance, in
 * seq order per conversation (own sends included); after every (re)connect the client syncs
 * from its cursors before live delivery resumes.
 */
export class SwitchboardClient {
  readonly deviceId: string;
  private readonly events = new TypedEmitter<ClientEvents>((error) => this.reportError(error));
  private readonly rest: RestClient;
  private readonly transport: Transport;
  private readonly gate = new ConnectionGate();
  private readonly runner: RequestRunner;
  private readonly catalog: ConversationCatalog;
  private readonly cursorStore: CursorStore;
  private readonly sendChains = new Map<string, Promise<unknown>>();
  private inbox: MessageInbox | undefined;
  private readonly supervisor: ConnectionSupervisor;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: SwitchboardClientOptions) {
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.rest = new RestClient(options.url, options.token, options.fetch);
    this.cursorStore = options.cursorStore ?? new MemoryCursorStore();
    this.deviceId = options.deviceId ?? randomUuid();
    this.transport = createTransport(options, {
      rest: this.rest,
      deviceId: this.deviceId,
      discover: () => this.catalog.discover(),
      prune: async () => void (await this.catalog.prune(this.cursors())),
    });
    const retry = retryPolicy(options.retry);
    const closed = (): boolean => this.supervisor.state === 'closed';
    this.runner = new RequestRunner(this.transport, this.gate, retry, timeoutMs, closed);
    this.catalog = new ConversationCatalog({
      rest: this.rest,
      runner: this.runner,
      inbox: () => this.inbox,
      syncLimit: options.syncLimit ?? 100,
      discover: options.discoverConversations !== false,
      timeoutMs,
    });
    this.supervisor = new ConnectionSupervisor({
      transport: this.transport,
      gate: this.gate,
      catalog: this.catalog,
      events: this.events,
      resyncIntervalMs: options.resyncIntervalMs ?? 60_000,
      reportError: (error) => this.reportError(error),
    });
  }

  /** `POST /v1/auth/dev-token` (development servers only). */
  static async devToken(url: string, userId: string, role: string, fetch?: FetchLike) {
    const rest = new RestClient(url, undefined, fetch);
    const body = { userId, role };
    return (await rest.call<{ token: string }>('POST', '/v1/auth/dev-token', body)).token;
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
    return this.supervisor.state;
  }

  /** Highest contiguous seq delivered, per tracked conversation. */
  cursors(): SyncCursor[] {
    return this.inbox?.cursors() ?? [];
  }

  /** Follows a conversation from its first message (normally learnt by push or discovery). */
  async follow(conversationId: string): Promise<void> {
    await this.connect();
    if (this.inbox?.track(conversationId)) await this.inbox.resync();
  }

  /** Sends in call order per conversation; resolves with the stored message. */
  send(input: SendInput): Promise<MessageView> {
    const payload = { ...input, clientMsgId: input.clientMsgId ?? randomUuid() };
    const previous = this.sendChains.get(input.conversationId) ?? Promise.resolve();
    const sent = previous.then(async () => {
      const ack = (await this.runner.untilDone('message.send', payload)) as {
        message: MessageView;
      };
      this.inbox?.live(ack.message);
      return ack.message;
    });
    const tail = sent.then(
      () => undefined,
      () => undefined,
    );
    this.sendChains.set(input.conversationId, tail);
    void tail.then(() => {
      if (this.sendChains.get(input.conversationId) === tail) {
        this.sendChains.delete(input.conversationId);
      }
    });
    return sent;
  }

  /** Moves this device's read cursor; answers the cursor (it never moves back). */
  async markRead(conversationId: string, seq: number): Promise<number> {
    const ack = await this.runner.untilDone('conversation.read', { conversationId, seq });
    return (ack as { seq: number }).seq;
  }

  /** Ephemeral: one attempt, only while connected. */
  async typing(conversationId: string, typing: boolean): Promise<void> {
    await this.runner.now('typing', { conversationId, typing });
  }

  /**
   * Idempotent by `requestId` (a fresh one per call unless given): retried like a send until
   * answered, and a repeat whose first answer was lost returns the same consultation.
   */
  async openConsultation(input: OpenConsultationInput): Promise<OpenedConsultation> {
    const payload = { ...input, requestId: input.requestId ?? randomUuid() };
    const ack = await this.runner.untilDone('consultation.open', payload);
    const { consultation } = ack as { consultation: OpenedConsultation };
    this.inbox?.track(consultation.conversationId);
    return consultation;
  }

  async rate(consultationId: string, score: number, comment?: string): Promise<void> {
    const payload = { consultationId, score, ...(comment === undefined ? {} : { comment }) };
    await this.runner.once('consultation.rate', payload);
  }

  /** `GET /v1/conversations`. */
  conversations(): Promise<ConversationSummary[]> {
    return this.catalog.list();
  }

  /** `POST /v1/uploads` (multipart `file`); send the returned id as `attachmentId`. */
  upload(file: Blob, name: string): Promise<UploadedFile> {
    const form = new FormData();
    form.append('file', file, name);
    return this.rest.call<UploadedFile>('POST', '/v1/uploads', form, { timeoutMs: 60_000 });
  }

  /** Stops everything; pending sends reject with CLIENT_CLOSED. */
  close(): void {
    this.supervisor.close();
  }

  private async start(): Promise<void> {
    this.inbox = new MessageInbox({
      sequencer: new MessageSequencer(await this.cursorStore.get()),
      cursorStore: this.cursorStore,
      retry: retryPolicy(this.options.retry),
      sync: (cursors) => this.catalog.sync(cursors),
      deliver: (message) => this.events.emit('message', message),
      error: (error) => this.reportError(error),
    });
    return this.supervisor.start(this.inbox);
  }

  private reportError(error: unknown): void {
    this.events.emit('error', error instanceof Error ? error : new Error(String(error)));
  }
}
