import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushRequestedData } from '@switchboard/contracts/push-requests.contract';
import { afterEach, describe, expect, it } from 'vitest';
import { PushRejectedError } from './push-sender.port';
import { WebhookPushSender } from './webhook.push-sender';

const request: PushRequestedData = {
  pushId: '6f1c1c1e-5d1a-5a8e-9f00-1234567890ab',
  userId: 'cust-1',
  conversationId: 'conv-1',
  messageId: 'm-1',
  title: 'New message from customer service',
  body: 'Your flight is confirmed',
  domain: 'travel',
  at: '2026-03-01T10:00:00.000Z',
};

interface Call {
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

/** A local webhook answering call n with `respond(n, res)`. */
async function webhook(
  respond: (n: number, res: ServerResponse) => void,
): Promise<{ url: string; calls: Call[]; server: Server }> {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      respond(calls.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/push`, calls, server };
}

const answer = (res: ServerResponse, status: number): void => {
  res.statusCode = status;
  res.end();
};

describe('WebhookPushSender', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const fast = { initialDelayMs: 1, maxDelayMs: 5 };

  it('retries a failing webhook and stops at the first 200', async () => {
    const hook = await webhook((n, res) => answer(res, n <= 2 ? 503 : 200));
    server = hook.server;
    await new WebhookPushSender({ url: hook.url, retries: 3, ...fast }).send(request);
    expect(hook.calls).toHaveLength(3);
    expect(hook.calls[0].body).toEqual(request);
    expect(hook.calls[0].headers['idempotency-key']).toBe(request.pushId);
    expect(hook.calls[0].headers['content-type']).toBe('application/json');
  });

  it('does not retry a 400', async () => {
    const hook = await webhook((_n, res) => answer(res, 400));
    server = hook.server;
    const sender = new WebhookPushSender({ url: hook.url, retries: 3, ...fast });
    await expect(sender.send(request)).rejects.toBeInstanceOf(PushRejectedError);
    expect(hook.calls).toHaveLength(1);
  });

  it.each([408, 429])('retries a %d', async (status) => {
    const hook = await webhook((n, res) => answer(res, n === 1 ? status : 204));
    server = hook.server;
    await new WebhookPushSender({ url: hook.url, retries: 3, ...fast }).send(request);
    expect(hook.calls).toHaveLength(2);
  });

  it('retries an attempt that timed out', async () => {
    // The first call never gets an answer; the second is answered at once.
    const hook = await webhook((n, res) => {
      if (n > 1) answer(res, 200);
    });
    server = hook.server;
    await new WebhookPushSender({ url: hook.url, timeoutMs: 100, retries: 2, ...fast }).send(
      request,
    );
    expect(hook.calls).toHaveLength(2);
  });

  it('rejects once the retries are exhausted', async () => {
    const hook = await webhook((_n, res) => answer(res, 500));
    server = hook.server;
    const sender = new WebhookPushSender({ url: hook.url, retries: 2, ...fast });
    await expect(sender.send(request)).rejects.toThrow(/500/);
    expect(hook.calls).toHaveLength(3);
  });
});
