import { ConfigService } from '@nestjs/config';
import { busSettingsFromConfig, describeBus, InMemoryBus, openBus } from '@switchboard/bus';
import { validateEnv, type RawEnv } from '@switchboard/platform';
import { describe, expect, it } from 'vitest';
import {
  describeEventStore,
  eventStoreSettingsFromConfig,
} from '../libs/event-store/src/event-store.module';

const configFor = (raw: RawEnv) => new ConfigService({ ...validateEnv(raw) });

describe('EventStoreModule settings', () => {
  it('picks SQLite by default, with its file under ./data', () => {
    expect(eventStoreSettingsFromConfig(configFor({}))).toEqual({
      kind: 'sqlite',
      filename: './data/switchboard.db',
    });
  });

  it('reads the PostgreSQL and EventStoreDB variables, and logs no credentials', () => {
    const postgres = eventStoreSettingsFromConfig(
      configFor({
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://sb:s3cret@db:5432/switchboard',
        EVENT_STORE_SCHEMA: 'events',
      }),
    );
    expect(postgres).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://sb:s3cret@db:5432/switchboard',
      schema: 'events',
    });
    expect(describeEventStore(postgres)).toBe('postgres (db:5432/switchboard)');

    const esdb = eventStoreSettingsFromConfig(
      configFor({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_URL: 'esdb://admin:changeit@esdb:2113?tls=false',
      }),
    );
    expect(describeEventStore(esdb)).toBe('eventstoredb (esdb:2113)');
  });
});

describe('BusModule settings', () => {
  it('picks the in-process bus by default and opens it', async () => {
    const settings = busSettingsFromConfig(configFor({ BUS_PARTITIONS: '5' }));
    expect(settings).toEqual({ kind: 'memory', partitions: 5 });
    const bus = await openBus(settings);
    expect(bus).toBeInstanceOf(InMemoryBus);
    await bus.ping();
    await bus.close();
  });

  it('reads the Kafka variables, KAFKA_PARTITIONS defaulting to BUS_PARTITIONS', () => {
    const settings = busSettingsFromConfig(
      configFor({ BUS: 'kafka', KAFKA_BROKERS: 'k1:9092,k2:9092', BUS_PARTITIONS: '6' }),
    );
    expect(settings).toEqual({
      kind: 'kafka',
      brokers: ['k1:9092', 'k2:9092'],
      clientId: 'switchboard',
      partitions: 6,
      replicationFactor: 1,
    });
    expect(describeBus(settings)).toBe(
      'kafka (k1:9092,k2:9092, client switchboard, 6 partitions, replication 1)',
    );
  });
});
