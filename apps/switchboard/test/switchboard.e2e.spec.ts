import { Controller, Get, Logger, Res } from '@nestjs/common';
import { BUS, type Bus } from '@switchboard/bus';
import { EVENT_STORE, type EventStore, SqliteEventStore } from '@switchboard/event-store';
import { Public } from '@switchboard/platform';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startSwitchboard } from './switchboard.harness';

/** What happened, in order, on the server side of the drain test. */
const serverEvents: string[] = [];

// Public: these tests are about logs, metrics and draining, not authentication.
@Public()
@Controller('probe')
class ProbeController {
  private readonly logger = new Logger('ProbeController');

  @Get('log')
  log(): { ok: true } {
    this.logger.log('inside the handler');
    return { ok: true };
  }

  @Get('items/:id')
  item(): { ok: true } {
    return { ok: true };
  }

  @Get('slow')
  async slow(@Res({ passthrough: true }) res: ServerResponse): Promise<{ ok: true }> {
    res.once('finish', () => serverEvents.push('response finished'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { ok: true };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Switchboard app (SQLite + in-process bus)', () => {
  const harnesses: Harness[] = [];
  const start = async (...args: Parameters<typeof startSwitchboard>) => {
    const harness = await startSwitchboard(...args);
    harnesses.push(harness);
    return harness;
  };
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
  });

  it('answers /health 200 with both indicators up, and created the SQLite directory', async () => {
    const { app, logs } = await start();
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { eventStore: { status: 'up' }, bus: { status: 'up' } },
    });
    const line = logs.find((l) => l.msg?.startsWith('Event store: sqlite'));
    const filename = /\((.*)\)$/.exec(line?.msg ?? '')?.[1];
    expect(filename).toMatch(/nested\/switchboard\.db$/);
    expect(existsSync(filename!)).toBe(true);
  });

  it('answers /health 503 naming the event store when its ping fails', async () => {
    // A working store whose ping fails: the consultation runtime and read model read it at
    // bootstrap, so only the health check may see the failure.
    const real = await SqliteEventStore.open({ filename: ':memory:' });
    const stub: EventStore = {
      appendToStream: (...args) => real.appendToStream(...args),
      readStream: (...args) => real.readStream(...args),
      readAll: (...args) => real.readAll(...args),
      subscribeToAll: (...args) => real.subscribeToAll(...args),
      ping: () => Promise.reject(new Error('disk on fire')),
      close: vi.fn(() => real.close()),
    };
    const { app } = await start({
      override: (builder) => builder.overrideProvider(EVENT_STORE).useValue(stub),
    });
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({
      status: 'error',
      error: { eventStore: { status: 'down', message: 'disk on fire' } },
      info: { bus: { status: 'up' } },
    });
  });

  it('serves Prometheus text with default and HTTP metrics, one registry per app', async () => {
    const [{ app }, other] = await Promise.all([
      start({ controllers: [ProbeController] }),
      start(),
    ]);
    await request(app.getHttpServer()).get('/health').expect(200);
    await request(app.getHttpServer()).get('/probe/items/42').expect(200);
    await request(app.getHttpServer()).get('/probe/items/43').expect(200);
    await request(app.getHttpServer()).get('/nowhere').expect(404);
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/health",status_code="200"\} 1/,
    );
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="unmatched",status_code="404"\} 1/,
    );
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/probe\/items\/:id",status_code="200"\} 2/,
    );
    expect(res.text).toContain('http_request_duration_seconds_bucket');

    const untouched = await request(other.app.getHttpServer()).get('/metrics').expect(200);
    expect(untouched.text).not.toContain('route="/health"');
  });

  it('echoes the caller’s correlation id and puts it on every log line of the request', async () => {
    const { app, logs } = await start({ controllers: [ProbeController] });
    const res = await request(app.getHttpServer())
      .get('/probe/log')
      .set('x-correlation-id', 'corr-42')
      .expect(200);
    expect(res.headers['x-correlation-id']).toBe('corr-42');

    const lines = logs.filter((line) => line.correlationId === 'corr-42');
    expect(lines.map((line) => line.msg)).toEqual(['inside the handler', 'request completed']);
    expect(lines[0]).toMatchObject({ context: 'ProbeController' });
  });

  it('generates a UUID when the header is missing or unsafe', async () => {
    const { app } = await start({ controllers: [ProbeController] });
    const server = app.getHttpServer();
    const missing = await request(server).get('/probe/log').expect(200);
    expect(missing.headers['x-correlation-id']).toMatch(UUID);
    const unsafe = await request(server)
      .get('/probe/log')
      .set('x-correlation-id', 'x'.repeat(500))
      .expect(200);
    expect(unsafe.headers['x-correlation-id']).toMatch(UUID);
  });

  it('logs the chosen adapters at start', async () => {
    const { logs } = await start();
    const messages = logs.map((line) => line.msg ?? '');
    expect(messages.some((msg) => /^Event store: sqlite \(.*switchboard\.db\)$/.test(msg))).toBe(
      true,
    );
    expect(messages).toContain('Bus: memory (3 partitions per topic)');
  });

  it('closes the bus, then the event store, on shutdown', async () => {
    const { app } = await start();
    const store = app.get<EventStore>(EVENT_STORE);
    const bus = app.get<Bus>(BUS);
    const storeClose = vi.spyOn(store, 'close');
    const busClose = vi.spyOn(bus, 'close');
    await app.close();
    expect(busClose).toHaveBeenCalledTimes(1);
    expect(storeClose).toHaveBeenCalledTimes(1);
    expect(busClose.mock.invocationCallOrder[0]).toBeLessThan(
      storeClose.mock.invocationCallOrder[0]!,
    );
  });

  it('drains an in-flight request before closing the adapters, refusing new connections', async () => {
    const { app } = await start({ controllers: [ProbeController] });
    const store = app.get<EventStore>(EVENT_STORE);
    serverEvents.length = 0;
    const realClose = store.close.bind(store);
    vi.spyOn(store, 'close').mockImplementation(async () => {
      serverEvents.push('store closed');
      await realClose();
    });
    const url = await app.getUrl();
    const inFlight = fetch(`${url}/probe/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = app.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    await closing;
    expect(serverEvents).toEqual(['response finished', 'store closed']);
  });
});
