import type { ConnectionGate } from './connection.gate';
import type { ConversationCatalog } from './conversation.catalog';
import type { TypedEmitter } from './event.emitter';
import type { MessageInbox } from './message.inbox';
import { CLIENT_ERROR_CODES, SwitchboardError } from './switchboard.error';
import type { ClientEvents, ConnectionState } from './client.types';
import type { PushEvent, Transport, TransportHandlers } from './transport.port';

const PUSH_TO_EVENT = {
  'consultation.updated': 'consultation',
  presence: 'presence',
  read: 'read',
  typing: 'typing',
} as const satisfies Record<PushEvent, keyof ClientEvents>;

export interface SupervisorDeps {
  readonly transport: Transport;
  readonly gate: ConnectionGate;
  readonly catalog: ConversationCatalog;
  readonly events: TypedEmitter<ClientEvents>;
  /** Socket only; 0 = off. */
  readonly resyncIntervalMs: number;
  readonly reportError: (error: unknown) => void;
}

/**
 * The connection's life: opens the transport, resyncs from the cursors at every (re)connect
 * before reporting `connected`, resyncs periodically, and turns transport reports into
 * `connection` states and client events.
 */
export class ConnectionSupervisor {
  private current: ConnectionState = 'disconnected';
  private generation = 0;
  private resyncTimer: ReturnType<typeof setInterval> | undefined;
  private resyncing = false;

  constructor(private readonly deps: SupervisorDeps) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Resolves at the first `connected` (caught up); rejects when refused or closed first. */
  start(inbox: MessageInbox): Promise<void> {
    const caughtUp = new Promise<void>((resolve, reject) => {
      const off = this.deps.events.on('connection', (state, error) => {
        if (state === 'connected') resolve();
        else if (state === 'failed' || state === 'closed') reject(error);
        else return;
        off();
      });
    });
    this.setState('connecting');
    this.deps.transport.open(this.handlers(inbox));
    this.startPeriodicResync(inbox);
    return caughtUp;
  }

  close(): void {
    if (this.current === 'closed') return;
    clearInterval(this.resyncTimer);
    this.deps.transport.close();
    this.deps.gate.fail(new SwitchboardError(CLIENT_ERROR_CODES.closed, 'Client closed'));
    this.setState('closed', new SwitchboardError(CLIENT_ERROR_CODES.closed, 'Client closed'));
  }

  private handlers(inbox: MessageInbox): TransportHandlers {
    const { events, gate, transport } = this.deps;
    return {
      connected: () => void this.onConnected(inbox),
      disconnected: () => {
        gate.close();
        if (this.current !== 'closed' && this.current !== 'failed') this.setState('disconnected');
      },
      failed: (error) => {
        clearInterval(this.resyncTimer);
        transport.close();
        gate.fail(error);
        this.setState('failed', error);
      },
      message: (message) => inbox.live(message),
      polled: (messages) => inbox.synced(messages),
      push: (event, payload) => events.emit(PUSH_TO_EVENT[event], payload as never),
      cursors: () => inbox.cursors(),
    };
  }

  private async onConnected(inbox: MessageInbox): Promise<void> {
    const generation = ++this.generation;
    this.deps.gate.open();
    const current = (): boolean => generation === this.generation && this.current !== 'closed';
    try {
      // The long-poll transport discovers before it reports `connected`.
      if (this.deps.transport.kind === 'socket') {
        await this.deps.catalog.discover().catch((error: unknown) => this.deps.reportError(error));
      }
      await inbox.resync(current);
    } catch (error) {
      // Only a typed refusal gets here (retryable failures are retried): report it, but the
      // connection works, and hanging `connect()` forever would help no one.
      this.deps.reportError(error);
    }
    if (current() && this.deps.transport.isConnected()) this.setState('connected');
  }

  private startPeriodicResync(inbox: MessageInbox): void {
    const every = this.deps.resyncIntervalMs;
    if (this.deps.transport.kind !== 'socket' || every <= 0) return;
    this.resyncTimer = setInterval(() => {
      if (this.resyncing || this.current !== 'connected') return;
      this.resyncing = true;
      inbox
        .resync(() => this.current === 'connected')
        .catch((error: unknown) => this.deps.reportError(error))
        .finally(() => (this.resyncing = false));
    }, every);
  }

  private setState(state: ConnectionState, error?: Error): void {
    if (this.current === state) return;
    this.current = state;
    this.deps.events.emit('connection', state, error);
  }
}
