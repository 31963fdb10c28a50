import { EnvValidationError, KNOWN_ENV_VARS, validateEnv } from '@switchboard/platform';
import { parse } from 'yaml';

export interface ComposeProblem {
  readonly service: string;
  readonly message: string;
}

type Service = {
  readonly image?: unknown;
  readonly build?: unknown;
  readonly environment?: unknown;
  readonly depends_on?: unknown;
};

/** Variables whose value names another compose service (host[:port], or a URL's host). */
const HOST_VARIABLES = ['EVENTSTORE_URL', 'DATABASE_URL', 'REDIS_URL', 'KAFKA_BROKERS'] as const;

/**
 * Checks every Switchboard service of a compose file (one built from this repository, or using a
 * `switchboard` image) against the platform env schema: only known variables, values the schema
 * accepts (so the variables the chosen adapters require are there), and hosts that are services
 * of the same file and listed in `depends_on`.
 */
export function checkComposeEnvironment(composeYaml: string): ComposeProblem[] {
  const doc = parse(composeYaml) as { services?: Record<string, Service> } | null;
  const services = doc?.services ?? {};
  const problems: ComposeProblem[] = [];
  const switchboard = Object.entries(services).filter(([, s]) => isSwitchboardService(s));
  if (switchboard.length === 0) problems.push({ service: '-', message: 'no Switchboard service' });

  for (const [name, service] of switchboard) {
    const report = (message: string) => problems.push({ service: name, message });
    const env = environmentOf(service.environment, report);
    for (const variable of Object.keys(env)) {
      if (!KNOWN_ENV_VARS.includes(variable)) report(`${variable} is not a Switchboard variable`);
    }
    try {
      validateEnv(env);
    } catch (error) {
      if (!(error instanceof EnvValidationError)) throw error;
      for (const p of error.problems) report(`${p.variable}: ${p.message}`);
    }
    const dependsOn = dependencyNames(service.depends_on);
    for (const variable of HOST_VARIABLES) {
      for (const host of hostsIn(env[variable])) {
        if (!(host in services)) report(`${variable} points at "${host}", which is no service`);
        else if (!dependsOn.includes(host)) report(`${variable} uses "${host}" without depends_on`);
      }
    }
  }
  return problems;
}

function isSwitchboardService(service: Service): boolean {
  return (
    service.build !== undefined ||
    (typeof service.image === 'string' && /^switchboard(:|$)/.test(service.image))
  );
}

/** Map or `KEY=VALUE` list; `${VAR:-default}` resolves to its default (no .env is assumed). */
function environmentOf(raw: unknown, report: (message: string) => void): Record<string, string> {
  const entries: [string, string | undefined][] = Array.isArray(raw)
    ? raw.map((item) => {
        const [key, ...rest] = String(item).split('=');
        return [key!, rest.length === 0 ? undefined : rest.join('=')];
      })
    : Object.entries((raw ?? {}) as Record<string, unknown>).map(([key, value]) => [
        key,
        value === null || value === undefined ? undefined : String(value),
      ]);
  const env: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value === undefined) {
      report(`${key} has no value (taken from the host): it cannot be checked`);
      continue;
    }
    env[key] = value.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      const withDefault = /^\w+:?-(.*)$/s.exec(inner);
      if (withDefault) return withDefault[1]!;
      report(`${key} uses ${whole} without a default`);
      return whole;
    });
  }
  return env;
}

function dependencyNames(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  return raw !== null && typeof raw === 'object' ? Object.keys(raw) : [];
}

function hostsIn(value: string | undefined): string[] {
  if (value === undefined) return [];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const withoutScheme = value.replace(/^[^:]+:\/\//, '').replace(/^[^@/]*@/, '');
    return withoutScheme
      .split(/[/?]/)[0]!
      .split(',')
      .map((h) => h.replace(/:\d+$/, ''));
  }
  return value.split(',').map((h) => h.replace(/:\d+$/, ''));
}
