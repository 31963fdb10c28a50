import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SyncCursor } from '../../src';
import { ScriptedError, type ScriptedStore } from './scripted.store';
import { sleep, type ScriptedKnobs } from './scripted.knobs';
import type { Offline } from './scripted-offline';

type Json = Record<string, unknown>;

/** The REST routes the SDK uses (long-poll transport, discovery, dev tokens), scripted. */
export class ScriptedRestHandler {
  readonly stats = { sendRequests: 0, polls: 0, openRequests: 0 };
  /** Requests in flight per user, so going offline can cut them like a network failure. */
  private readonly open = new Map<string, Set<IncomingMessage>>();

  constructor(
    private readonly store: ScriptedStore,
    private readonly knobs: ScriptedKnobs,
    private readonly offline: Offline,
  ) {}

  /** Cuts the user's requests in flight (parked polls included). */
  drop(userId: string): void {
    for (const request of this.open.get(userId) ?? []) request.socket.destroy();
  }

  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    void this.route(request, response).catch((error: unknown) => {
      const known = error instanceof ScriptedError;
      const status = known ? error.status : 500;
      const body = known
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: 'Internal error' };
      if (!response.headersSent) reply(response, status, body);
    });
  };

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://scripted');
    const path = url.pathname;
    const body = await readJson(request);
    if (request.method === 'POST' && path === '/v1/auth/dev-token') {
      return reply(response, 201, {
        token: this.store.tokenFor(String(body.userId), body.role as never),
      });
    }
    const user = this.store.userFor(request.headers.authorization?.replace(/^Bearer /, ''));
    if (user === undefined)
      throw new ScriptedError('UNAUTHENTICATED', 'Missing or invalid token', 401);
    const { userId } = user;
    if (this.offline.is(userId)) return void request.socket.destroy();
    const mine = this.open.get(userId) ?? new Set();
    this.open.set(userId, mine);
    mine.add(request);
    response.on('close', () => mine.delete(request));

    const sendMatch = /^\/v1\/conversations\/([^/]+)\/messages$/.exec(path);
    const readMatch = /^\/v1\/conversations\/([^/]+)\/read$/.exec(path);
    if (request.method === 'GET' && path === '/v1/conversations') {
      const list = this.store.conversationsOf(userId).map((c) => ({
        id: c.id,
        kind: 'group',
        domain: null,
        consultationId: null,
        members: c.members.map((member) => ({ userId: member, role: 'customer' })),
        lastSeq: c.lastSeq,
        closed: false,
        unread: 0,
      }));
      return reply(response, 200, list);
    }
    if (request.method === 'POST' && sendMatch) {
      this.stats.sendRequests += 1;
      await sleep(this.knobs.sendDelayMs);
      const message = this.store.post(userId, { ...body, conversationId: sendMatch[1] } as never);
      if (this.knobs.loseSendAnswers > 0) {
        this.knobs.loseSendAnswers -= 1;
        return reply(response, 503, { code: 'SERVICE_UNAVAILABLE', message: 'Lost answer' });
      }
      return reply(response, 201, message);
    }
    if (request.method === 'POST' && path === '/v1/conversations/sync') {
      this.stats.polls += 1;
      return reply(response, 200, await this.sync(userId, body, request));
    }
    if (request.method === 'POST' && readMatch) {
      return reply(response, 200, { conversationId: readMatch[1], seq: body.seq });
    }
    if (request.method === 'POST' && path === '/v1/consultations') {
      this.stats.openRequests += 1;
      const header = request.headers['idempotency-key'];
      const consultation = this.store.openConsultation(
        userId,
        typeof header === 'string' ? header : undefined,
      );
      if (this.knobs.loseOpenAnswers > 0) {
        this.knobs.loseOpenAnswers -= 1;
        return reply(response, 503, { code: 'SERVICE_UNAVAILABLE', message: 'Lost answer' });
      }
      return reply(response, 201, consultation);
    }
    if (request.method === 'POST' && /^\/v1\/consultations\/[^/]+\/rate$/.test(path)) {
      return reply(response, 201, {});
    }
    throw new ScriptedError('NOT_FOUND', `No route ${request.method} ${path}`, 404);
  }

  /** Parks while there is nothing new, until a message lands in one of the conversations. */
  private async sync(userId: string, body: Json, request: IncomingMessage): Promise<unknown> {
    const cursors = (body.cursors ?? []) as SyncCursor[];
    const limit = typeof body.limit === 'number' ? body.limit : 100;
    const waitMs = Math.min(30, Number(body.wait ?? 0)) * 1000;
    const first = this.store.sync(userId, cursors, limit);
    if (first.messages.length > 0 || waitMs <= 0) return first;
    const ids = new Set(cursors.map((c) => c.conversationId));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      const off = this.store.onPosted((m) => ids.has(m.conversationId) && done());
      request.once('close', done);
      function done(): void {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
    return this.store.sync(userId, cursors, limit);
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  } catch {
    throw new ScriptedError('MALFORMED_JSON', 'Body is not JSON', 400);
  }
}
