import type { ConfigService } from '@nestjs/config';
import { describe, expect, it } from 'vitest';
import { resolveDeliveryOptions } from './delivery.options';

const config = (env: Record<string, string>): ConfigService =>
  ({ get: (name: string) => env[name] }) as unknown as ConfigService;

describe('resolveDeliveryOptions', () => {
  it('defaults to the log sender, no muted domains, a 15-minute push window', () => {
    expect(resolveDeliveryOptions({})).toEqual({
      pushWebhookUrl: undefined,
      pushWebhookTimeoutMs: 5_000,
      pushWebhookRetries: 3,
      mutedSystemPushDomains: [],
      pushMaxAgeMs: 900_000,
      dispatcher: true,
      pushWorker: true,
    });
  });

  it('reads the env through ConfigService; explicit options win', () => {
    const resolved = resolveDeliveryOptions(
      { pushWebhookRetries: 1 },
      config({
        PUSH_WEBHOOK_URL: 'https://push.example.test/hook',
        PUSH_WEBHOOK_TIMEOUT_MS: '2500',
        PUSH_WEBHOOK_RETRIES: '7',
        PUSH_MUTED_SYSTEM_DOMAINS: 'shop, travel ,',
      }),
    );
    expect(resolved).toMatchObject({
      pushWebhookUrl: 'https://push.example.test/hook',
      pushWebhookTimeoutMs: 2_500,
      pushWebhookRetries: 1,
      mutedSystemPushDomains: ['shop', 'travel'],
    });
  });

  it('turns both consumers off with consumers: false, whatever the other flags say', () => {
    expect(resolveDeliveryOptions({ consumers: false, dispatcher: true })).toMatchObject({
      dispatcher: false,
      pushWorker: false,
    });
    expect(resolveDeliveryOptions({ pushWorker: false })).toMatchObject({
      dispatcher: true,
      pushWorker: false,
    });
  });

  it('refuses a number that is not one', () => {
    expect(() => resolveDeliveryOptions({}, config({ PUSH_WEBHOOK_RETRIES: 'lots' }))).toThrow(
      RangeError,
    );
  });
});
