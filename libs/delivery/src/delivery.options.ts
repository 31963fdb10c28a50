import type { ConfigService } from '@nestjs/config';

/** How the Delivery context runs; `DeliveryModule.forRoot` takes it, env fills the gaps. */
export interface DeliveryModuleOptions {
  /** Env `PUSH_WEBHOOK_URL`: POST offline pushes there; unset → the log sender. */
  readonly pushWebhookUrl?: string;
  /** Env `PUSH_WEBHOOK_TIMEOUT_MS` (default 5000), per attempt. */
  readonly pushWebhookTimeoutMs?: number;
  /** Env `PUSH_WEBHOOK_RETRIES` (default 3), after the first attempt. */
  readonly pushWebhookRetries?: number;
  /** Env `PUSH_MUTED_SYSTEM_DOMAINS`, comma-separated: domains whose system messages are not pushed. */
  readonly mutedSystemPushDomains?: readonly string[];
  /** Env `PUSH_MAX_AGE_MS` (default 900000): older events are delivered live but not pushed. */
  readonly pushMaxAgeMs?: number;
  /** Run the dispatcher in this process (default true; false in a gateway-only process). */
  readonly dispatcher?: boolean;
  /** Run the push worker in this process (default true). */
  readonly pushWorker?: boolean;
  /**
   * `false`: neither the dispatcher nor the push worker joins its consumer group here (a
   * gateway or a service that only needs the registry, link and membership; apps/dispatcher
   * runs the consumers). Overrides `dispatcher` and `pushWorker`. Default true.
   */
  readonly consumers?: boolean;
  /** Serve `GET /v1/gateways/allocate` from this process (default true). */
  readonly allocationApi?: boolean;
}

export interface ResolvedDeliveryOptions {
  readonly pushWebhookUrl: string | undefined;
  readonly pushWebhookTimeoutMs: number;
  readonly pushWebhookRetries: number;
  readonly mutedSystemPushDomains: readonly string[];
  readonly pushMaxAgeMs: number;
  readonly dispatcher: boolean;
  readonly pushWorker: boolean;
}

export const DELIVERY_OPTIONS = Symbol('DeliveryOptions');

/** Explicit options win over env values read through ConfigService (when there is one). */
export function resolveDeliveryOptions(
  options: DeliveryModuleOptions,
  config?: ConfigService,
): ResolvedDeliveryOptions {
  const env = (name: string): string | undefined => {
    const value: unknown = config?.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    return String(value);
  };
  return {
    pushWebhookUrl: options.pushWebhookUrl ?? env('PUSH_WEBHOOK_URL'),
    pushWebhookTimeoutMs:
      options.pushWebhookTimeoutMs ?? num(env('PUSH_WEBHOOK_TIMEOUT_MS'), 5_000),
    pushWebhookRetries: options.pushWebhookRetries ?? num(env('PUSH_WEBHOOK_RETRIES'), 3),
    mutedSystemPushDomains:
      options.mutedSystemPushDomains ?? list(env('PUSH_MUTED_SYSTEM_DOMAINS')),
    pushMaxAgeMs: options.pushMaxAgeMs ?? num(env('PUSH_MAX_AGE_MS'), 15 * 60 * 1000),
    dispatcher: options.consumers !== false && (options.dispatcher ?? true),
    pushWorker: options.consumers !== false && (options.pushWorker ?? true),
  };
}

function num(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    throw new RangeError(`Delivery option: expected a non-negative number, got "${value}"`);
  }
  return parsed;
}

function list(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
