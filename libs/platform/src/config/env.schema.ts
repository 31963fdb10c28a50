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
  /** HS256 signing key. Required in production; development and test fall back to DEV_JWT_SECRET. */
  readonly JWT_SECRET: string;
  /** Token lifetime in seconds (set as `3600`, `90m`, `12h`, `7d`). */
  readonly JWT_TTL: number;
  /** Routing strategy for groups and domains without their own: average | weighted | least-load. */
  readonly ROUTING_DEFAULT_STRATEGY: 'average' | 'weighted' | 'least-load';
  /** Minimum FAQ match confidence (0..1) for an automatic answer to a customer's first message. */
  readonly FAQ_AUTO_ANSWER_THRESHOLD: number;
  readonly QA_FIRST_RESPONSE_SLA_SECONDS: number;
  readonly QA_BANNED_WORDS?: string;
  /** Where uploaded files are stored, by content hash. */
  readonly UPLOAD_DIR: string;
  readonly UPLOAD_MAX_BYTES: number;
  /** Comma-separated media types accepted (detected from the bytes). */
  readonly UPLOAD_ALLOWED_TYPES: string;
  /** Offline pushes are POSTed here; unset: they are logged. */
  readonly PUSH_WEBHOOK_URL?: string;
  readonly PUSH_WEBHOOK_TIMEOUT_MS: number;
  readonly PUSH_WEBHOOK_RETRIES: number;
  /** Comma-separated domains whose system messages are never pushed. */
  readonly PUSH_MUTED_SYSTEM_DOMAINS?: string;
  readonly PUSH_MAX_AGE_MS: number;
  /** This gateway's instance id in the connection registry; default `gw-<hostname>-<pid>`. */
  readonly GATEWAY_ID?: string;
  readonly GATEWAY_SERVER_IP?: string;
  readonly GATEWAY_HEARTBEAT_MS: number;
  readonly GATEWAY_ACK_TIMEOUT_MS: number;
  readonly GATEWAY_ACK_MAX_BACKOFF_MS: number;
  readonly GATEWAY_RATE_LIMIT_PER_S: number;
  /** Comma-separated browser origins allowed to open sockets; unset: same origin only. */
  readonly GATEWAY_CORS_ORIGIN?: string;
  /** socket.io heartbeat: ping every interval, drop a connection silent for the timeout. */
  readonly GATEWAY_PING_INTERVAL_MS: number;
  readonly GATEWAY_PING_TIMEOUT_MS: number;
  readonly GATEWAY_TRUST_PROXY: boolean;
  /** URL clients reach this gateway at (allocation); default `http://localhost:<PORT>`. */
  readonly GATEWAY_PUBLIC_URL?: string;
  /** The built web UI (`npm run build:web`) served at `/`; `off` serves none. */
  readonly WEB_DIR: string;
  /** How `GET /v1/gateways/allocate` picks among live gateways. */
  readonly GATEWAY_ALLOCATION: 'ip-hash' | 'round-robin' | 'least-connections';
  /** Connection registry, gateway link and membership: in memory, or in Redis (REDIS_URL). */
  readonly DELIVERY_ADAPTER: 'memory' | 'redis';
  readonly DELIVERY_REDIS_PREFIX: string;
  /** Comma-separated words masked or rejected in messages. */
  readonly MODERATION_WORDS?: string;
  /** JSON array of regular expressions, e.g. `["\\d{16}"]`. */
  readonly MODERATION_PATTERNS?: string;
  readonly MODERATION_MODE: 'mask' | 'reject';
  readonly MODERATION_BLOCK_LINKS: boolean;
  readonly MODERATION_ALLOWED_HOSTS?: string;
  /** Where the relay's lease lives (one active relay per RELAY_NAME): none | postgres | redis. */
  readonly RELAY_LEASE: 'none' | 'postgres' | 'redis';
  readonly RELAY_LEASE_TTL_MS: number;
  /** Names the relay's checkpoint and lease; processes relaying different streams differ. */
  readonly RELAY_NAME: string;
  /** How the gateway reaches im and customer-service: in this process, or over their REST API. */
  readonly GATEWAY_EDGE: 'in-process' | 'http';
  /** Base URL of the im service (required when GATEWAY_EDGE=http). */
  readonly IM_URL?: string;
  /** Base URL of the customer-service service (required when GATEWAY_EDGE=http). */
  readonly CUSTOMER_SERVICE_URL?: string;
  readonly GATEWAY_EDGE_TIMEOUT_MS: number;
  /** Data service read model: sqlite (embedded) | postgres | memory. */
  readonly DATA_STORE: 'sqlite' | 'postgres' | 'memory';
  /** Default: `data.db` next to SQLITE_FILENAME. */
  readonly DATA_SQLITE_FILENAME?: string;
  /** Default: DATABASE_URL. */
  readonly DATA_POSTGRES_URL?: string;
  readonly DATA_POSTGRES_SCHEMA: string;
  /** An order converts a consultation opened at most this long before it. */
  readonly DATA_CONVERSION_WINDOW_MS: number;
  /** Run the projector (topics → read model) in this process. */
  readonly DATA_PROJECTOR: boolean;
  /** How long one computation of the `/metrics` gauges is reused. */
  readonly DATA_METRICS_CACHE_MS: number;
  /** JSON `{timeZone, week: {"1": [["09:00","18:00"]], ...}}` for business-hours figures. */
  readonly DATA_BUSINESS_HOURS?: string;
}

/**
 * The JWT secret development and test use when JWT_SECRET is unset. It is public (it is in the
 * source), so production refuses it.
 */
export const DEV_JWT_SECRET = 'switchboard-development-secret-do-not-use-in-production';

const TTL_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };
const MAX_JWT_TTL_SECONDS = 30 * 86_400;

/** `12h` → 43200. Bounded: a token that outlives a month is a credential nobody remembers. */
const jwtTtl = Joi.string()
  .custom((value: string, helpers) => {
    // Checked here rather than with .pattern(): joi would run this after a failed pattern too.
    if (!/^\d{1,7}[smhd]?$/.test(value)) return helpers.error('string.pattern.base');
    const unit = /[smhd]$/.test(value) ? value.slice(-1) : 's';
    const seconds = Number.parseInt(value, 10) * TTL_UNITS[unit]!;
    if (seconds < 1 || seconds > MAX_JWT_TTL_SECONDS) return helpers.error('any.invalid');
    return seconds;
  })
  .messages({
    'string.pattern.base': '{{#label}} must be a number of seconds or a duration like 90m, 12h, 7d',
    'any.invalid': '{{#label}} must be between 1 second and 30 days',
  });

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
    .when('EVENT_STORE', { is: 'postgres', then: Joi.required() })
    .when('RELAY_LEASE', { is: 'postgres', then: Joi.required() }),
  EVENT_STORE_SCHEMA: Joi.string().pattern(
    /^[a-z_][a-z0-9_]{0,39}$/,
    'lower-case SQL identifier of at most 40 characters',
  ),
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

  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .when('DELIVERY_ADAPTER', { is: 'redis', then: Joi.required() })
    .when('RELAY_LEASE', { is: 'redis', then: Joi.required() }),
  JWT_SECRET: Joi.string()
    .min(32)
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.required()
        .invalid(DEV_JWT_SECRET)
        .messages({ 'any.invalid': '{{#label}} must not be the public development secret' }),
      otherwise: Joi.optional().default(DEV_JWT_SECRET),
    }),
  JWT_TTL: jwtTtl.default(12 * 3_600),

  ROUTING_DEFAULT_STRATEGY: Joi.string()
    .valid('average', 'weighted', 'least-load')
    .default('least-load'),

  FAQ_AUTO_ANSWER_THRESHOLD: Joi.number().min(0).max(1).default(0.5),

  QA_FIRST_RESPONSE_SLA_SECONDS: Joi.number().positive().default(60),
  QA_BANNED_WORDS: Joi.string(),

  UPLOAD_DIR: Joi.string().default('./data/uploads'),
  UPLOAD_MAX_BYTES: Joi.number()
    .integer()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  UPLOAD_ALLOWED_TYPES: Joi.string()
    .pattern(/^[a-z]+\/[a-z0-9.+-]+(,[a-z]+\/[a-z0-9.+-]+)*$/, 'comma-separated media types')
    .default('image/png,image/jpeg,image/gif,image/webp,application/pdf'),

  PUSH_WEBHOOK_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  PUSH_WEBHOOK_TIMEOUT_MS: Joi.number().integer().min(100).max(120_000).default(5_000),
  PUSH_WEBHOOK_RETRIES: Joi.number().integer().min(0).max(20).default(3),
  PUSH_MUTED_SYSTEM_DOMAINS: Joi.string(),
  PUSH_MAX_AGE_MS: Joi.number()
    .integer()
    .min(0)
    .default(15 * 60 * 1000),

  GATEWAY_ID: Joi.string().pattern(/^[A-Za-z0-9._:-]{1,128}$/, 'instance id'),
  GATEWAY_SERVER_IP: Joi.string().ip(),
  GATEWAY_HEARTBEAT_MS: Joi.number()
    .integer()
    .min(1_000)
    .default(5 * 60 * 1000),
  GATEWAY_ACK_TIMEOUT_MS: Joi.number().integer().min(50).max(60_000).default(1_000),
  GATEWAY_ACK_MAX_BACKOFF_MS: Joi.number().integer().min(100).max(600_000).default(30_000),
  GATEWAY_RATE_LIMIT_PER_S: Joi.number().integer().min(1).max(100_000).default(50),
  GATEWAY_CORS_ORIGIN: Joi.string(),
  GATEWAY_PING_INTERVAL_MS: Joi.number().integer().min(500).max(300_000).default(25_000),
  GATEWAY_PING_TIMEOUT_MS: Joi.number().integer().min(500).max(300_000).default(20_000),
  GATEWAY_TRUST_PROXY: Joi.boolean().default(false),
  GATEWAY_PUBLIC_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  WEB_DIR: Joi.string().default('dist/web'),
  GATEWAY_ALLOCATION: Joi.string()
    .valid('ip-hash', 'round-robin', 'least-connections')
    .default('least-connections'),
  DELIVERY_ADAPTER: Joi.string().valid('memory', 'redis').default('memory'),
  DELIVERY_REDIS_PREFIX: Joi.string()
    .pattern(/^[A-Za-z0-9:._-]{1,32}$/, 'key prefix')
    .default('sb:'),

  MODERATION_WORDS: Joi.string(),
  MODERATION_PATTERNS: Joi.string(),
  MODERATION_MODE: Joi.string().valid('mask', 'reject').default('mask'),
  MODERATION_BLOCK_LINKS: Joi.boolean().default(false),
  MODERATION_ALLOWED_HOSTS: Joi.string(),

  RELAY_LEASE: Joi.string().valid('none', 'postgres', 'redis').default('none'),
  RELAY_LEASE_TTL_MS: Joi.number().integer().min(500).max(600_000).default(10_000),
  RELAY_NAME: Joi.string()
    .pattern(/^[A-Za-z0-9._:-]{1,64}$/, 'relay name')
    .default('relay'),

  GATEWAY_EDGE: Joi.string().valid('in-process', 'http').default('in-process'),
  IM_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .when('GATEWAY_EDGE', { is: 'http', then: Joi.required() }),
  CUSTOMER_SERVICE_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .when('GATEWAY_EDGE', { is: 'http', then: Joi.required() }),
  GATEWAY_EDGE_TIMEOUT_MS: Joi.number().integer().min(100).max(120_000).default(5_000),

  DATA_STORE: Joi.string().valid('sqlite', 'postgres', 'memory').default('sqlite'),
  DATA_SQLITE_FILENAME: Joi.string(),
  DATA_POSTGRES_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }),
  DATA_POSTGRES_SCHEMA: Joi.string()
    .pattern(/^[a-z_][a-z0-9_]{0,39}$/, 'schema name')
    .default('data'),
  DATA_CONVERSION_WINDOW_MS: Joi.number()
    .integer()
    .min(60_000)
    .max(7_776_000_000)
    .default(604_800_000),
  DATA_PROJECTOR: Joi.boolean().default(true),
  DATA_METRICS_CACHE_MS: Joi.number().integer().min(0).max(300_000).default(5_000),
  DATA_BUSINESS_HOURS: Joi.string(),
});

/** Names of every variable the schema knows, for checks such as the docker-compose test. */
export const KNOWN_ENV_VARS: readonly string[] = Object.freeze(
  Object.keys(envSchema.describe().keys as Record<string, unknown>),
);
