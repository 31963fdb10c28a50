import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { dlqTopic, TOPICS } from '@switchboard/contracts';
import type { PushRequestedData } from '@switchboard/contracts/push-requests.contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  envelope,
  messagePosted,
  NOW,
  publishEnvelope,
  waitFor,
} from '../../test/delivery.fixtures';
import { pushRequestMessage } from './push-request.factory';
import { LogPushSender } from './log.push-sender';
import type { PushSender } from './push-sender.port';
import { PushWorker } from './push.worker';
import { WebhookPushSender } from './webhook.push-sender';
import { InMemoryConnectionRegistry } from '../connection-registry/in-memory.connection-registry';
import { DeliveryService } from '../fan-out/delivery.service';
import { InProcessGatewayLink } from '../gateway-link/in-process.gateway-link';
import { Dispatcher } from '../dispatcher/dispatcher';

const quiet = { warn: () => undefined, error: () => undefined };
const content = {
  conversationId: 'conv-1',
  messageId: 'm-1',
  title: 'New message',
  body: 'hello',
  domain: 'travel',
  at: NOW.toISOString(),
};

class RecordingSender implements PushSender {
  readonly sent: PushRequestedData[] = [];
  failWith: Error | undefined;
  send(request: PushRequestedData): Promise<void> {
    if (this.failWith !== undefined) return Promise.reject(this.failWith);
    this.sent.push(request);
    return Promise.resolve();
  }
}

describe('PushWorker', () => {
  let bus: InMemoryBus;
  let worker: PushWorker | undefined;
  let server: Server | undefined;

  beforeEach(() => {
    bus = new InMemoryBus({ logger: silentBusLogger });
  });

  afterEach(async () => {
    await worker?.stop();
    await bus.close();
    server?.closeAllConnections();
    await new Promise((resolve) =>
      server === undefined ? resolve(undefined) : server.close(resolve),
    );
    server = undefined;
  });

  async function startWorker(sender: PushSender): Promise<PushWorker> {
    worker = new PushWorker({ bus, sender, logger: quiet });
    await worker.start();
    return worker;
  }

  const processed = (w: PushWorker): number =>
    w.counters.sent + w.counters.duplicates + w.counters.deadLettered;

  it('sends each pushId once, even when the request is published twice', async () => {
    const sender = new RecordingSender();
    const w = await startWorker(sender);
    const source = envelope('MessagePosted', messagePosted(), 'conversation-conv-1');
    await bus.publish(pushRequestMessage(source, 'cust-1', content));
    await bus.publish(pushRequestMessage(source, 'cust-1', content));
    await waitFor(() => processed(w) === 2);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({ userId: 'cust-1', ...content });
    expect(w.counters.duplicates).toBe(1);
  });

  it('dead-letters a request the sender gave up on, and a malformed one; the next is sent', async () => {
    const dead = await collect(bus, dlqTopic(TOPICS.pushRequests));
    const sender = new RecordingSender();
    sender.failWith = new Error('webhook down');
    const w = await startWorker(sender);
    const source = envelope('MessagePosted', messagePosted(), 'conversation-conv-1');
    await bus.publish(pushRequestMessage(source, 'cust-1', content));
    await waitFor(() => processed(w) === 1);
    sender.failWith = undefined;
    await bus.publish({ topic: TOPICS.pushRequests, key: 'cust-1', value: '{"id":1}' });
    await bus.publish(pushRequestMessage(source, 'cust-2', content));
    await waitFor(() => processed(w) === 3 && dead.length === 2);
    expect(dead[0].headers['x-dlq-reason']).toBe('webhook down');
    expect(sender.sent.map((request) => request.userId)).toEqual(['cust-2']);
  });

  it('from dispatcher to webhook: an offline customer is notified after two failed attempts', async () => {
    const calls: unknown[] = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        calls.push(JSON.parse(Buffer.concat(chunks).toString()));
        res.statusCode = calls.length <= 2 ? 502 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sender = new WebhookPushSender({
      url: `http://127.0.0.1:${port}/`,
      retries: 3,
      initialDelayMs: 1,
      maxDelayMs: 5,
    });
    const w = await startWorker(sender);
    const registry = new InMemoryConnectionRegistry();
    const link = new InProcessGatewayLink();
    const dispatcher = new Dispatcher({
      bus,
      delivery: new DeliveryService(registry, link),
      clock: { now: () => NOW },
      logger: quiet,
    });
    await dispatcher.start();
    await publishEnvelope(bus, TOPICS.imMessages, envelope('MessagePosted', messagePosted(), 's'));
    await waitFor(() => w.counters.sent === 1);
    await dispatcher.stop();
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject({ userId: 'cust-1', body: 'Your flight is confirmed' });
  });
});

describe('LogPushSender', () => {
  it('logs one line per notification, without the message text', async () => {
    const lines: string[] = [];
    const source = envelope('MessagePosted', messagePosted(), 's');
    const data = JSON.parse(pushRequestMessage(source, 'cust-1', content).value) as {
      data: PushRequestedData;
    };
    await new LogPushSender({ log: (line) => lines.push(line) }).send(data.data);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('cust-1');
    expect(lines[0]).not.toContain('hello');
  });
});
