import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkComposeEnvironment } from './support/compose-env.checker';

const COMPOSE = readFileSync(resolve(__dirname, '../docker-compose.yml'), 'utf8');

describe('docker-compose.yml', () => {
  it('sets only variables the env schema knows, with valid values and reachable hosts', () => {
    expect(checkComposeEnvironment(COMPOSE)).toEqual([]);
  });

  it('runs switchboard on EventStoreDB and Kafka, with the infrastructure it needs', () => {
    const doc = parse(COMPOSE) as {
      services: Record<string, { environment?: Record<string, string>; image?: string }>;
    };
    expect(doc.services.switchboard?.environment).toMatchObject({
      EVENT_STORE: 'eventstoredb',
      BUS: 'kafka',
    });
    expect(Object.keys(doc.services)).toEqual(
      expect.arrayContaining(['switchboard', 'eventstoredb', 'kafka', 'redis']),
    );
  });
});

describe('checkComposeEnvironment', () => {
  const bad = `
services:
  app:
    build: .
    depends_on: [kafka]
    environment:
      - EVENT_STORE=eventstoredb
      - EVENTSTORE_CONNECTION=esdb://eventstoredb:2113
      - BUS=kafka
      - KAFKA_BROKERS=kafka:9092,broker:9092
      - PORT=\${PORT}
      - LOG_LEVEL
  other:
    image: switchboard:local
    environment:
      EVENT_STORE: postgres
      DATABASE_URL: postgres://u:p@db:5432/sb
      JWT_SECRET: \${JWT_SECRET:-short}
  kafka:
    image: apache/kafka:4.4.0
    environment:
      KAFKA_NODE_ID: '1'
`;

  it('reports unknown names, missing required variables, bad values and dangling hosts', () => {
    const messages = checkComposeEnvironment(bad).map((p) => `${p.service}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'app: EVENTSTORE_CONNECTION is not a Switchboard variable',
        expect.stringMatching(/^app: EVENTSTORE_URL: "EVENTSTORE_URL" is required/),
        'app: PORT uses ${PORT} without a default',
        'app: LOG_LEVEL has no value (taken from the host): it cannot be checked',
        'app: KAFKA_BROKERS points at "broker", which is no service',
        'other: DATABASE_URL points at "db", which is no service',
        expect.stringMatching(/^other: JWT_SECRET: "JWT_SECRET" length must be at least 32/),
      ]),
    );
    // Non-Switchboard services keep their own variables.
    expect(messages.some((m) => m.startsWith('kafka:'))).toBe(false);
  });

  it('asks for depends_on when a Switchboard service uses another service', () => {
    const compose = `
services:
  app:
    image: switchboard
    environment: { BUS: kafka, KAFKA_BROKERS: 'kafka:9092' }
  kafka: { image: apache/kafka:4.4.0 }
`;
    expect(checkComposeEnvironment(compose)).toEqual([
      { service: 'app', message: 'KAFKA_BROKERS uses "kafka" without depends_on' },
    ]);
  });

  it('fails a file without any Switchboard service', () => {
    expect(checkComposeEnvironment('services: { redis: { image: redis } }')).toEqual([
      { service: '-', message: 'no Switchboard service' },
    ]);
  });
});
