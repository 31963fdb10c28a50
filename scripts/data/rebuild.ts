import { CONSULTATION_RELAY_ROUTES } from '@switchboard/consultation/infrastructure/consultation.relay-routes';
import { CONVERSATION_STREAM_PREFIX } from '@switchboard/conversation/domain/conversation.events';
import { TOPICS } from '@switchboard/contracts';
import { type DataEnv, dataOptionsFromEnv } from '@switchboard/data/infrastructure/data.settings';
import { describeFactStore, openFactStore } from '@switchboard/data/infrastructure/data.options';
import { ORDER_RELAY_ROUTES } from '@switchboard/data/orders/orders.relay-routes';
import { DATA_TOPICS } from '@switchboard/data/projection/data.projector';
import { EventStoreRebuildSource } from '@switchboard/data/rebuild/event-store.rebuild-source';
import { rebuildReadModel } from '@switchboard/data/rebuild/rebuild-read-model';
import type { RebuildSource } from '@switchboard/data/rebuild/rebuild.source';
import { eventStoreSettingsFromConfig, openEventStore } from '@switchboard/event-store';
import { ConfigService } from '@nestjs/config';
import { loadEnv } from '@switchboard/platform/config/env.validation';
import type { RelayRoute } from '@switchboard/relay';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { ProgressBar } from './progress-bar';

/** The routes the relay publishes the data service's topics with (same as the app's). */
const ROUTES: readonly RelayRoute[] = [
  ...CONSULTATION_RELAY_ROUTES,
  { streamPrefix: CONVERSATION_STREAM_PREFIX, topic: TOPICS.imMessages },
  ...ORDER_RELAY_ROUTES,
];

const USAGE = `usage: npm run data:rebuild [-- --source kafka|event-store]

Drops the data read model (DATA_STORE: sqlite at DATA_SQLITE_FILENAME, or postgres at
DATA_POSTGRES_URL / DATABASE_URL, schema DATA_POSTGRES_SCHEMA) and replays it from the start:
from Kafka (default with BUS=kafka; KAFKA_BROKERS) or from the event store's $all (default with
BUS=memory; EVENT_STORE and its variables). Stop the data service first.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { source: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnv();
  const sourceKind = values.source ?? (env.BUS === 'kafka' ? 'kafka' : 'event-store');
  if (sourceKind !== 'kafka' && sourceKind !== 'event-store') {
    console.error(`--source must be kafka or event-store, not "${sourceKind}"\n\n${USAGE}`);
    return 2;
  }
  const storeSettings = dataOptionsFromEnv({ ...env, ...rawDataEnv() } as DataEnv).store;
  const store = await openFactStore(storeSettings);
  const eventStore =
    sourceKind === 'event-store'
      ? await openEventStore(eventStoreSettingsFromConfig(new ConfigService({ ...env })))
      : undefined;
  let source: RebuildSource;
  if (eventStore !== undefined) {
    source = new EventStoreRebuildSource({ eventStore, routes: ROUTES, topics: DATA_TOPICS });
  } else {
    if (env.KAFKA_BROKERS === undefined) throw new Error('--source kafka needs KAFKA_BROKERS');
    // Loaded only here: an embedded rebuild never loads kafkajs.
    const { KafkaRebuildSource } = await import('@switchboard/data/rebuild/kafka.rebuild-source');
    source = new KafkaRebuildSource({
      brokers: env.KAFKA_BROKERS,
      clientId: `${env.KAFKA_CLIENT_ID}-data-rebuild`,
      topics: DATA_TOPICS,
    });
  }
  const bar = new ProgressBar();
  console.error(
    `Rebuilding the data read model (${describeFactStore(storeSettings)}) from ${sourceKind}...`,
  );
  try {
    const summary = await rebuildReadModel({ store, source, onProgress: (p) => bar.update(p) });
    bar.done();
    console.log(
      `Rebuilt from ${source.describe()}: ${summary.messages.toLocaleString('en-US')} messages, ` +
        `${summary.storedFacts.toLocaleString('en-US')} facts stored, ${summary.deadLettered} not projectable (logged), ` +
        `${(summary.elapsedMs / 1000).toFixed(1)} s (${Math.round(summary.rate).toLocaleString('en-US')} messages/s)`,
    );
    return 0;
  } finally {
    bar.done();
    await source.close();
    await store.close();
    await eventStore?.close();
  }
}

/** DATA_* as given (the platform's env schema may not list them yet), `.env` under the process. */
function rawDataEnv(): Record<string, string> {
  const file = resolve(process.cwd(), '.env');
  const merged: Record<string, string | undefined> = {
    ...(existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {}),
    ...process.env,
  };
  return Object.fromEntries(
    Object.entries(merged).filter(
      (entry): entry is [string, string] =>
        entry[0].startsWith('DATA_') && entry[1] !== undefined && entry[1] !== '',
    ),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
