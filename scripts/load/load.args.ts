/** What `npm run load` was asked to do. */
export interface LoadOptions {
  /** Base URL of the deployment (REST and socket.io), e.g. http://localhost:3000. */
  readonly url: string;
  readonly customers: number;
  readonly agents: number;
  /** Customer messages per second over all customers; every one is answered by its agent. */
  readonly rate: number;
  /** Measured seconds (after the warm-up). */
  readonly duration: number;
  /** Seconds of load before measuring starts. */
  readonly warmup: number;
  /** Consultation domain and group customers open in (the group gets the load's agents). */
  readonly domain: string;
}

export const USAGE = `Usage: npm run load -- --url <base> [--customers N] [--agents M] [--rate R] [--duration S]
  --url        base URL of a Switchboard deployment (development mode: tokens from /v1/auth/dev-token)
  --customers  customers opening one consultation each (default 100)
  --agents     agents answering them (default 10, capacity shared evenly)
  --rate       customer messages per second, all customers together (default 100)
  --duration   measured seconds (default 30)
  --warmup     seconds of load before measuring (default 3)
  --domain     consultation domain (default travel)`;

const NUMERIC = ['customers', 'agents', 'rate', 'duration', 'warmup'] as const;

/** Parses `--name value` / `--name=value` pairs; throws a readable Error on bad input. */
export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      values.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
    values.set(arg.slice(2), next);
    i++;
  }
  const known = new Set<string>(['url', 'domain', ...NUMERIC]);
  for (const name of values.keys())
    if (!known.has(name)) throw new Error(`Unknown option --${name}`);

  const url = values.get('url');
  if (url === undefined) throw new Error('--url is required');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error('--url must be http(s)');

  const number = (name: (typeof NUMERIC)[number], fallback: number, min: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${name} must be a number ≥ ${min}`);
    return value;
  };
  const customers = Math.floor(number('customers', 100, 1));
  const agents = Math.floor(number('agents', 10, 1));
  if (agents > customers) throw new Error('--agents must not exceed --customers');
  return {
    url: parsed.origin,
    customers,
    agents,
    rate: number('rate', 100, 0.1),
    duration: number('duration', 30, 1),
    warmup: number('warmup', 3, 0),
    domain: values.get('domain') ?? 'travel',
  };
}
