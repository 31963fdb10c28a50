import Joi from 'joi';

/**
 * Every environment variable Switchboard reads, in one place. Nothing else reads `process.env`:
 * modules get typed values through `ConfigService<SwitchboardEnv, true>`.
 *
 * Empty strings count as unset (compose files and `.env` lines like `DATABASE_URL=`).
 */
export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';
export type BusKind = 'memory' | 'kafka';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface SwitchboardEnv {
  readonly NODE_ENV: 'development' | 'production' | 'test';
  readonly PORT: number;
  /** Unset: every interface (Node's default). */
  readonly HOST?: string;
  readonly LOG_LEVEL: LogLevel;
  readonly EVENT_STORE: EventStoreKind;
  readonly SQLITE_FILENAME: string;
  readonly DATABASE_URL?: string;
  readonly EVENT_STORE_SCHEMA?: string;
  readonly EVENTSTORE_URL?: string;
  readonly BUS: BusKind;
  readonly BUS_PARTITIONS: number;
  readonly KAFKA_BROKERS?: readonly string[];
  readonly KAFKA_CLIENT_ID: string;
  readonly KAFKA_PARTITIONS: number;
  readonly KAFKA_REPLICATION_FACTOR: number;
  readonly SHUTDOWN_TIMEOUT_MS: number;
  readonly REDIS_URL?: string;
  readonly JWT_SECRET?: string;
}

const brokerList = Joi.string()
  .pattern(/^[^,\s:]+:\d{1,5}(,[^,\s:]+:\d{1,5})*$/, 'host:port[,host:port...]')
  .custom((value: string) => value.split(','));

const port = Joi.number().integer().min(0).max(65_535);

export const envSchema = Joi.object<SwitchboardEnv>({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: port.default(3000),
  HOST: Joi.string().hostname(),
  LOG_LEVEL: Joi.string()
    .valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')
    .default('info'),

  EVENT_STORE: Joi.string().valid('sqlite', 'postgres', 'eventstoredb').default('sqlite'),
  SQLITE_FILENAME: Joi.string().default('./data/switchboard.db'),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .when('EVENT_STORE', { is: 'postgres', then: Joi.required() }),
  EVENT_STORE_SCHEMA: Joi.string().pattern(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'SQL identifier'),
  EVENTSTORE_URL: Joi.string()
    .pattern(/^(esdb|esdb\+discover):\/\/\S+$/, 'esdb:// or esdb+discover:// connection string')
    .when('EVENT_STORE', { is: 'eventstoredb', then: Joi.required() }),

  BUS: Joi.string().valid('memory', 'kafka').default('memory'),
  BUS_PARTITIONS: Joi.number().integer().min(1).max(1024).default(3),
  KAFKA_BROKERS: brokerList.when('BUS', { is: 'kafka', then: Joi.required() }),
  KAFKA_CLIENT_ID: Joi.string().default('switchboard'),
  KAFKA_PARTITIONS: Joi.number().integer().min(1).max(1024).default(Joi.ref('BUS_PARTITIONS')),
  KAFKA_REPLICATION_FACTOR: Joi.number().integer().min(1).max(16).default(1),

  SHUTDOWN_TIMEOUT_MS: Joi.number().integer().min(100).max(300_000).default(10_000),

  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }),
  JWT_SECRET: Joi.string().min(32),
});

/** Names of every variable the schema knows, for checks such as the docker-compose test. */
export const KNOWN_ENV_VARS: readonly string[] = Object.freeze(
  Object.keys(envSchema.describe().keys as Record<string, unknown>),
);
