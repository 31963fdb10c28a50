import { Server, type Socket } from 'socket.io';
import type { Server as HttpServer } from 'node:http';
import type { MessageView } from '../../src';
import { ScriptedError, type ScriptedStore } from './scripted.store';
import { sleep, type ScriptedKnobs } from './scripted.knobs';
import type { Offline } from './scripted-offline';

type Ack = (answer: unknown) => void;
const DEVICES = ['web', 'desktop', 'ios', 'android'];

/** The v1 socket events over the scripted store, with push retry until acked. */
export class ScriptedSocketGateway {
  readonly io: Server;
  private readonly sockets = new Map<string, Set<Socket>>();
  /** Pushes made (including retries and duplicates) and acks received, for assertions. */
  readonly stats = { pushes: 0, pushAcks: 0, sendRequests: 0, openRequests: 0 };

  constructor(
    http: HttpServer,
    private readonly store: ScriptedStore,
    private readonly knobs: ScriptedKnobs,
    private readonly offline: Offline,
  ) {
    this.io = new Server(http);
    this.io.use((socket, next) => {
      const { token, device } = socket.handshake.auth as Record<string, unknown>;
      const user = store.userFor(token);
      if (user === undefined) return next(refusal('UNAUTHENTICATED', 'Missing or invalid token'));
      if (!DEVICES.includes(String(device))) {
        return next(refusal('HANDSHAKE_INVALID', 'device must be web, desktop, ios or android'));
      }
      socket.data.userId = user.userId;
      // An offline user's handshake hangs until the test brings them back.
      void offline.until(user.userId).then(() => next());
    });
    this.io.on('connection', (socket) => this.attach(socket));
    store.onPosted((message) => this.fanOut(message));
  }

  /** Cuts the user's connections as a network failure would (the client reconnects). */
  drop(userId: string): void {
    for (const socket of this.sockets.get(userId) ?? []) socket.conn.close();
  }

  /** Sends a push other than a message to every socket of the user. */
  emitTo(userId: string, event: string, payload: unknown): void {
    for (const socket of this.sockets.get(userId) ?? []) socket.emit(event, payload);
  }

  /** Disconnects the user's sockets on purpose ('io server disconnect', e.g. a draining node). */
  kick(userId: string): void {
    for (const socket of this.sockets.get(userId) ?? []) socket.disconnect(true);
  }

  private attach(socket: Socket): void {
    const userId = socket.data.userId as string;
    const mine = this.sockets.get(userId) ?? new Set();
    mine.add(socket);
    this.sockets.set(userId, mine);
    socket.on('disconnect', () => mine.delete(socket));
    this.handle(socket, 'message.send', async (payload) => {
      this.stats.sendRequests += 1;
      await sleep(this.knobs.sendDelayMs);
      const message = this.store.post(userId, payload as never);
      if (this.knobs.loseSendAnswers > 0) {
        this.knobs.loseSendAnswers -= 1;
        return undefined;
      }
      return { message };
    });
    this.handle(socket, 'conversation.sync', async (payload) => {
      if (this.knobs.refuseSyncs > 0) {
        this.knobs.refuseSyncs -= 1;
        throw new ScriptedError('VALIDATION_FAILED', 'Refused by the test', 400);
      }
      const { cursors, limit } = payload as { cursors: never[]; limit?: number };
      return { ...this.store.sync(userId, cursors, limit) };
    });
    this.handle(socket, 'conversation.read', async (payload) => ({ seq: payload.seq }));
    this.handle(socket, 'typing', async () => ({}));
    this.handle(socket, 'consultation.open', async (payload) => {
      this.stats.openRequests += 1;
      const key = typeof payload.requestId === 'string' ? payload.requestId : undefined;
      const consultation = this.store.openConsultation(userId, key);
      if (this.knobs.loseOpenAnswers > 0) {
        this.knobs.loseOpenAnswers -= 1;
        return undefined;
      }
      return { consultation };
    });
    this.handle(socket, 'consultation.rate', async () => ({}));
  }

  private handle(
    socket: Socket,
    event: string,
    run: (payload: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>,
  ): void {
    socket.on(event, (payload: Record<string, unknown>, ack: Ack) => {
      run(payload ?? {}).then(
        (answer) => answer !== undefined && ack({ ok: true, ...answer }),
        (error: unknown) => {
          const { code, message } =
            error instanceof ScriptedError
              ? error
              : { code: 'INTERNAL', message: 'Internal error' };
          ack({ ok: false, error: { code, message } });
        },
      );
    });
  }

  /** Like the real dispatcher: every member's sockets, the sending one included. */
  private fanOut(message: MessageView): void {
    for (const userId of this.store.membersOf(message.conversationId)) {
      if (!this.store.canSee(userId, message) || this.knobs.skipPush(message, userId)) continue;
      for (const socket of this.sockets.get(userId) ?? []) {
        void this.push(socket, message);
        if (this.knobs.duplicatePushes) void this.push(socket, message);
      }
    }
  }

  /** Retries until acked or the socket is gone, as the real gateway does. */
  private async push(socket: Socket, message: MessageView): Promise<void> {
    await sleep(this.knobs.pushDelayMs);
    for (let attempt = 1; socket.connected; attempt++) {
      this.stats.pushes += 1;
      try {
        await socket
          .timeout(this.knobs.pushAckTimeoutMs * attempt)
          .emitWithAck('message.new', message);
        this.stats.pushAcks += 1;
        return;
      } catch {
        // no ack in time: push again
      }
    }
  }
}

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}
