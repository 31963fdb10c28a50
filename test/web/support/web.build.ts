import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
/** What the bundle is made of: the UI and the SDK it drives the server with. */
const SOURCES = ['apps/web', 'libs/client/src', 'libs/contracts/src'];
const CACHE = join(REPO, 'node_modules/.cache/switchboard-web');
const WAIT_MS = 180_000;

/**
 * The web UI built from the current sources, once per source state: test files running in
 * parallel share one build (a lock directory), and a later run with unchanged sources reuses it.
 * Returns the directory to serve (WEB_DIR).
 */
export async function ensureWebBuild(): Promise<string> {
  const out = join(CACHE, sourceStamp());
  const lock = `${out}.lock`;
  mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(join(out, 'index.html'))) {
    if (tryLock(lock)) {
      try {
        build(out);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`web build: still locked after ${WAIT_MS} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return out;
}

function build(out: string): void {
  const temp = `${out}.tmp-${process.pid}`;
  const vite = join(REPO, 'node_modules/vite/bin/vite.js');
  const config = join(REPO, 'apps/web/vite.config.ts');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', config, '--outDir', temp, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  rmSync(out, { recursive: true, force: true });
  renameSync(temp, out);
}

function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    // A lock left by a killed run: older than a build can take.
    const stat = statSync(lock, { throwIfNoEntry: false });
    if (stat !== undefined && Date.now() - stat.mtimeMs > WAIT_MS) {
      rmSync(lock, { recursive: true, force: true });
    }
    return false;
  }
}

function sourceStamp(): string {
  const hash = createHash('sha1');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const source of SOURCES) walk(join(REPO, source));
  return hash.digest('hex').slice(0, 16);
}
