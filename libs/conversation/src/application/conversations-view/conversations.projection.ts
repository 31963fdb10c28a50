import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@switchboard/event-store';
import { CONVERSATION_STREAM_PREFIX, type ConversationEvent } from '../../domain';
import { ConversationRecord } from './conversation.record';
import { MessageWaiters } from './message-waiters';

const FILTER = { streamPrefixes: [CONVERSATION_STREAM_PREFIX] };
const RESTART_DELAY_MS = 1000;

/**
 * The messaging read model: conversations, members, seq → revision, read cursors, the
 * consultation → conversation map and attachment references, fed by a catch-up subscription
 * on `$all` (conversation streams only) from position 0 at start. It keeps the last position
 * applied, so a redelivery is skipped and a failed subscription resumes where it stopped.
 * Long-polls park here and wake when a MessagePosted is applied.
 */
@Injectable()
export class ConversationsProjection
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('ConversationsProjection');
  private readonly records = new Map<string, ConversationRecord>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byConsultation = new Map<string, string>();
  private readonly attachments = new Map<string, { conversationId: string; internal: boolean }[]>();
  private readonly waiters = new MessageWaiters();
  private positionWaiters: { position: number; wake: () => void }[] = [];
  private subscription: Subscription | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** Shutting down: parked polls answer now, new ones do not park. */
  private draining = false;
  private lastPosition = 0;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Resolves once everything stored at start has been applied. */
  async onModuleInit(): Promise<void> {
    this.stopped = false;
    const [head] = await this.store.readAll({
      direction: 'backwards',
      maxCount: 1,
      filter: FILTER,
    });
    this.subscribe();
    await this.waitForPosition(head?.position ?? 0, Number.MAX_SAFE_INTEGER);
  }

  /** Parked long-polls answer (empty) now, so HTTP can drain instead of waiting 30 s. */
  beforeApplicationShutdown(): void {
    this.draining = true;
    this.waiters.wakeAll();
  }

  /** After HTTP and the bus consumer: the consumer may still wait for positions until then. */
  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.draining = true;
    clearTimeout(this.restartTimer);
    this.waiters.wakeAll();
    for (const w of this.positionWaiters) w.wake();
    await this.subscription?.stop();
  }

  get position(): number {
    return this.lastPosition;
  }

  get(conversationId: string): ConversationRecord | undefined {
    return this.records.get(conversationId);
  }

  /** Conversations `userId` is a member of now. */
  conversationsOf(userId: string): ConversationRecord[] {
    return [...(this.byUser.get(userId) ?? [])].flatMap((id) => this.records.get(id) ?? []);
  }

  conversationOfConsultation(consultationId: string): string | undefined {
    return this.byConsultation.get(consultationId);
  }

  /** The conversation of a consultation, waiting at most `ms` for the read model to learn it. */
  async waitForConsultation(consultationId: string, ms: number): Promise<string | undefined> {
    if (this.byConsultation.has(consultationId) || ms <= 0 || this.stopped) {
      return this.byConsultation.get(consultationId);
    }
    await this.waiters.wait([`consultation:${consultationId}`], ms);
    return this.byConsultation.get(consultationId);
  }

  /** Conversations with a message referencing `uploadId`, and whether it was internal. */
  attachmentRefs(uploadId: string): readonly { conversationId: string; internal: boolean }[] {
    return this.attachments.get(uploadId) ?? [];
  }

  /** Parks until a message is applied in one of `conversationIds` (true) or `ms` pass (false). */
  waitForMessage(conversationIds: readonly string[], ms: number): Promise<boolean> {
    if (this.draining) return Promise.resolve(false);
    return this.waiters.wait(conversationIds, ms);
  }

  /** Parks until the conversation exists, at most `ms`. */
  async waitForConversation(
    conversationId: string,
    ms: number,
  ): Promise<ConversationRecord | undefined> {
    if (this.records.has(conversationId) || ms <= 0 || this.stopped)
      return this.get(conversationId);
    await this.waiters.wait([`created:${conversationId}`], ms);
    return this.get(conversationId);
  }

  /** Read-your-writes: resolves once the event at `position` is applied, or after `ms`. */
  waitForPosition(position: number, ms: number): Promise<void> {
    if (position <= this.lastPosition || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = ms >= Number.MAX_SAFE_INTEGER ? undefined : setTimeout(() => waiter.wake(), ms);
      const waiter = {
        position,
        wake: () => {
          clearTimeout(timer);
          this.positionWaiters = this.positionWaiters.filter((w) => w !== waiter);
          resolve();
        },
      };
      this.positionWaiters.push(waiter);
    });
  }

  /** Parked long-polls (tests, metrics). */
  parkedPolls(conversationId?: string): number {
    return this.waiters.count(conversationId);
  }

  private subscribe(): void {
    const subscription = this.store.subscribeToAll(
      { after: this.lastPosition, filter: FILTER },
      (e) => this.apply(e),
    );
    this.subscription = subscription;
    subscription.done.catch((error: unknown) => {
      if (this.stopped || this.subscription !== subscription) return;
      this.logger.error(`subscription failed, restarting: ${String(error)}`);
      this.restartTimer = setTimeout(() => !this.stopped && this.subscribe(), RESTART_DELAY_MS);
    });
  }

  private apply(recorded: RecordedEvent): void {
    if (recorded.position <= this.lastPosition) return;
    const id = recorded.streamId.slice(CONVERSATION_STREAM_PREFIX.length);
    const event = { type: recorded.type, version: 1, data: recorded.data } as ConversationEvent;
    try {
      this.applyEvent(id, event, recorded.revision, recorded.position);
    } catch (error) {
      // One malformed event must not stop the read model for every conversation.
      this.logger.error(`${recorded.type} at ${recorded.position} skipped: ${String(error)}`);
    }
    this.lastPosition = recorded.position;
    if (this.positionWaiters.length > 0) {
      for (const w of this.positionWaiters) if (w.position <= this.lastPosition) w.wake();
    }
  }

  private applyEvent(
    id: string,
    event: ConversationEvent,
    revision: number,
    position: number,
  ): void {
    let record = this.records.get(id);
    if (record === undefined) {
      if (event.type !== 'ConversationCreated') return;
      record = new ConversationRecord(id);
      this.records.set(id, record);
    }
    record.apply(event, revision, position);
    switch (event.type) {
      case 'ConversationCreated':
        for (const m of event.data.members) this.link(m.userId, id);
        if (event.data.consultationId !== null)
          this.byConsultation.set(event.data.consultationId, id);
        this.waiters.notify(`created:${id}`);
        return;
      case 'MemberAdded':
        return this.link(event.data.member.userId, id);
      case 'MemberRemoved':
        this.byUser.get(event.data.userId)?.delete(id);
        return;
      case 'MessagePosted': {
        const attachment = event.data.attachment;
        if (attachment !== null) {
          const refs = this.attachments.get(attachment.id) ?? [];
          refs.push({ conversationId: id, internal: event.data.internal });
          this.attachments.set(attachment.id, refs);
        }
        this.waiters.notify(id);
        return;
      }
      default:
        return;
    }
  }

  private link(userId: string, conversationId: string): void {
    const set = this.byUser.get(userId) ?? new Set<string>();
    set.add(conversationId);
    this.byUser.set(userId, set);
  }
}
