import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './service.process';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** A redis-server of this test's own, so FLUSHALL wipes nobody else's keys. */
export interface PrivateRedis {
  readonly url: string;
  flushAll(): Promise<void>;
  /** Keys matching a SCAN pattern. */
  countKeys(pattern: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free port without persistence, as a child process of the test
 * (it dies with the test run). Fails, not skips, when the binary is missing: the suite that
 * calls it has already passed its REQUIRE_REDIS gate.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const failed = new Promise<never>((_, fail) => child.once('error', fail));
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  const ping = async () => {
    for (;;) {
      try {
        await admin.connect();
        await admin.ping();
        return;
      } catch {
        admin.disconnect();
        await new Promise((done) => setTimeout(done, 100));
      }
    }
  };
  await Promise.race([ping(), failed]);
  return {
    url,
    flushAll: async () => void (await admin.flushall()),
    async countKeys(pattern) {
      let count = 0;
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        count += keys.length;
      } while (cursor !== '0');
      return count;
    },
    async stop() {
      admin.disconnect();
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A single-node Kafka broker of this test's own (scripts/kafka), so restarting it is safe. */
export interface PrivateKafka {
  readonly brokers: string;
  /** scripts/kafka/stop.sh then start.sh: a clean broker restart; resolves when it serves again. */
  restart(): Promise<{ readonly downMs: number }>;
  stop(): Promise<void>;
}

/**
 * Starts a broker with scripts/kafka/start.sh under its own KAFKA_HOME_DIR and ports, the jars
 * shared with the repository's broker (.kafka/libs, a symlink: no second Maven fetch).
 */
export async function startPrivateKafka(label: string): Promise<PrivateKafka> {
  const shared = resolve(ROOT, '.kafka/libs');
  if (!existsSync(resolve(shared, '.fetched'))) {
    throw new Error(`no Kafka jars in ${shared}: run scripts/kafka/start.sh once`);
  }
  const home = `/tmp/switchboard-${label}-kafka`;
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  await symlink(shared, resolve(home, 'libs'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    KAFKA_HOME_DIR: home,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
  };
  const script = (name: string) =>
    run(resolve(ROOT, `scripts/kafka/${name}.sh`), [], { env, timeout: 120_000 });
  await script('start');
  return {
    brokers: `127.0.0.1:${port}`,
    async restart() {
      await script('stop');
      const downAt = Date.now();
      await script('start');
      return { downMs: Date.now() - downAt };
    },
    async stop() {
      await script('stop');
      await rm(home, { recursive: true, force: true });
    },
  };
}
