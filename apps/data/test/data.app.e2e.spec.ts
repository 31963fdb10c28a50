import { eventually as eventuallyPassing } from '@switchboard/testing';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FACT_STORE, type FactStore } from '@switchboard/data';
import { EVENT_STORE, type EventStore } from '@switchboard/event-store';
import { AuthTokenService, validateEnv } from '@switchboard/platform';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataAppModule } from '../src/data.app.module';
import { configureDataApp } from '../src/data.app';

interface LogLine {
  readonly msg?: string;
}

const eventually = <T>(check: () => Promise<T>) => eventuallyPassing(check, 10_000, 25);

describe('apps/data: the data service on its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-data-app-'));
  const logs: LogLine[] = [];
  let app: INestApplication;
  let server: Server;
  let admin: string;

  beforeAll(async () => {
    const env = validateEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SQLITE_FILENAME: join(dir, 'events.db'),
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    __resetOutOfContextForTests();
    const logStream = { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) };
    const moduleRef = await Test.createTestingModule({
      imports: [
        DataAppModule.forRoot(
          { env, logStream },
          { store: { kind: 'sqlite', filename: join(dir, 'data.db') }, scrapeCacheMs: 0 },
        ),
      ],
    }).compile();
    app = configureDataApp(moduleRef.createNestApplication({ bufferLogs: true }));
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;
    admin = `Bearer ${app.get(AuthTokenService).sign({ userId: 'shop', role: 'admin' })}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves /health, /metrics with the data gauges, and /v1/metrics', async () => {
    await request(server).get('/health').expect(200);
    const scrape = await request(server).get('/metrics').expect(200);
    expect(scrape.text).toMatch(/^switchboard_data_facts \d+$/m);
    const metrics = await request(server)
      .get('/v1/metrics?from=2026-12-01&to=2026-12-02')
      .set('Authorization', admin)
      .expect(200);
    expect(metrics.body.query).toMatchObject({ from: '2026-12-01T00:00:00.000Z' });
    expect(Array.isArray(metrics.body.rows)).toBe(true);
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = await request(server).get('/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, { parameters?: unknown[] }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/v1/metrics', '/v1/metrics/export.csv', '/v1/integrations/orders']),
    );
    const names = (paths['/v1/metrics'].get.parameters ?? []).map(
      (p) => (p as { name: string }).name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['from', 'to', 'bucket', 'dimension', 'timeZone']),
    );
    expect(doc.body.components.schemas.MetricRowDto.properties).toHaveProperty('conversionRate');
  });

  it('publishes a posted order through its own relay and projects it', async () => {
    const order = {
      orderId: 'ord-app-1',
      customerId: 'cust-app-1',
      domain: 'shop',
      amountMinor: 4200,
      currency: 'EUR',
      placedAt: '2026-12-04T10:00:00Z',
    };
    await request(server)
      .post('/v1/integrations/orders')
      .set('Authorization', admin)
      .send(order)
      .expect(201);
    const facts = app.get<FactStore>(FACT_STORE);
    const [fact] = await eventually(async () => {
      const found = await facts.find({ subjects: ['customer:cust-app-1'] });
      expect(found).toHaveLength(1);
      return found;
    });
    expect(fact).toMatchObject({
      kind: 'order',
      at: '2026-12-04T10:00:00.000Z',
      data: { orderId: 'ord-app-1', amountMinor: 4200, currency: 'EUR', domain: 'shop' },
    });
    const stored = await app.get<EventStore>(EVENT_STORE).readStream('order-ord-app-1');
    expect(stored.map((e) => e.type)).toEqual(['OrderPlaced']);
  });

  it('stops the projector and closes the read model on shutdown', async () => {
    await app.close();
    expect(logs.map((line) => line.msg)).toContain('Data fact store closed');
  });
});
