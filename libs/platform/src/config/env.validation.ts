import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { envSchema, type SwitchboardEnv } from './env.schema';

export type RawEnv = Readonly<Record<string, string | undefined>>;

/** Start-up stops with this error; the message names every bad variable. */
export class EnvValidationError extends Error {
  constructor(
    readonly problems: readonly { readonly variable: string; readonly message: string }[],
  ) {
    super(
      'Invalid environment configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'EnvValidationError';
  }

  get variables(): string[] {
    return this.problems.map((p) => p.variable);
  }
}

/** Validates raw variables against the schema; returns typed values with defaults applied. */
export function validateEnv(raw: RawEnv): SwitchboardEnv {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const { error, value } = envSchema.validate(present, {
    abortEarly: false,
    allowUnknown: true,
    stripUnknown: true,
    convert: true,
  });
  if (error) {
    throw new EnvValidationError(
      error.details.map((detail) => {
        const variable = String(detail.path[0] ?? detail.context?.key ?? '?');
        const got = present[variable];
        const shown =
          got === undefined || isSecret(variable) ? '' : ` (got ${JSON.stringify(got)})`;
        return { variable, message: `${detail.message}${shown}` };
      }),
    );
  }
  return Object.freeze(value);
}

/**
 * The process environment over an optional `.env` file in the working directory (the process
 * wins, as with dotenv), validated.
 */
export function loadEnv(
  env: RawEnv = process.env,
  envFile = resolve(process.cwd(), '.env'),
): SwitchboardEnv {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return validateEnv({ ...fromFile, ...env });
}

function isSecret(variable: string): boolean {
  return /SECRET|PASSWORD|URL/.test(variable);
}
