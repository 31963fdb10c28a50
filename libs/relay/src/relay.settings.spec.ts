import { ConfigService } from '@nestjs/config';
import { type RawEnv, validateEnv } from '@switchboard/platform';
import { describe, expect, it } from 'vitest';
import { RelayRoutesRegistry } from './relay-routes.registry';
import {
  describeCheckpointStore,
  openCheckpointStore,
  relaySettingsFromConfig,
} from './relay.settings';
import { InMemoryCheckpointStore } from './in-memory/in-memory.checkpoint-store';

const configFor = (raw: RawEnv) => new ConfigService({ ...validateEnv(raw) });

describe('RelayModule settings', () => {
  it('keeps checkpoints in the SQLite event store file by default', () => {
    const settings = relaySettingsFromConfig(configFor({ SHUTDOWN_TIMEOUT_MS: '8000' }));
    expect(settings).toEqual({
      checkpoints: { kind: 'sqlite', filename: './data/switchboard.db' },
      tuning: { stopTimeoutMs: 2000 },
      name: 'relay',
      lease: { store: { kind: 'none' }, ttlMs: 10_000 },
    });
  });

  it('keeps them in the PostgreSQL event store schema, and logs no credentials', () => {
    const settings = relaySettingsFromConfig(
      configFor({
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://sb:s3cret@db:5432/switchboard',
        EVENT_STORE_SCHEMA: 'events',
      }),
    );
    expect(settings.checkpoints).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://sb:s3cret@db:5432/switchboard',
      schema: 'events',
    });
    expect(describeCheckpointStore(settings.checkpoints)).toBe(
      'postgres (db:5432/switchboard, schema events)',
    );
  });

  it('with EventStoreDB: PostgreSQL when DATABASE_URL is set, else the SQLite file', () => {
    const esdb = { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://esdb:2113?tls=false' };
    expect(relaySettingsFromConfig(configFor(esdb)).checkpoints.kind).toBe('sqlite');
    expect(
      relaySettingsFromConfig(configFor({ ...esdb, DATABASE_URL: 'postgres://db/x' })).checkpoints,
    ).toEqual({ kind: 'postgres', connectionString: 'postgres://db/x', schema: 'relay' });
  });

  it('opens the in-memory adapter lazily', async () => {
    const store = await openCheckpointStore({ kind: 'memory' });
    expect(store).toBeInstanceOf(InMemoryCheckpointStore);
    expect(describeCheckpointStore({ kind: 'memory' })).toBe('memory');
    expect(describeCheckpointStore({ kind: 'sqlite', filename: ':memory:' })).toBe(
      'sqlite (:memory:)',
    );
  });

  it('refuses routes added after the relay read them', () => {
    const registry = new RelayRoutesRegistry();
    registry.add([{ streamPrefix: 'a-', topic: 't' }]);
    expect(registry.freeze()).toHaveLength(1);
    expect(() => registry.add([{ streamPrefix: 'b-', topic: 't' }])).toThrow(
      /before application bootstrap/,
    );
  });
});
