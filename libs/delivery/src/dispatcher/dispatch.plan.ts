import type { Envelope } from '@switchboard/contracts';
import type { ServerEvent } from '../gateway-link/gateway-link.port';
import type { AudienceTarget, RouteOptions } from '../fan-out/delivery.service';

/** What a pushed notification says, before it gets its pushId and recipient. */
export interface PushContent {
  readonly conversationId: string;
  readonly messageId: string;
  readonly title: string;
  readonly body: string | null;
  readonly domain: string | null;
  readonly at: string;
}

/** One server event for one audience; `push` is set when offline members may be pushed. */
export interface DispatchPlan {
  readonly event: ServerEvent;
  readonly audience: readonly AudienceTarget[];
  readonly payload: unknown;
  readonly options: RouteOptions;
  readonly push?: PushContent;
}

/** Who a consultation concerns, as far as the dispatcher knows. */
export interface ConsultationParties {
  readonly customerId?: string;
  readonly agentId?: string;
}

/** The event data the planner cannot work with: the message goes to the DLQ. */
export class UnplannableEventError extends Error {
  constructor(envelope: Envelope, reason: string) {
    super(`${envelope.type} ${envelope.id}: ${reason}`);
    this.name = 'UnplannableEventError';
  }
}

export function asRecord(envelope: Envelope): Record<string, unknown> {
  const data = envelope.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UnplannableEventError(envelope, 'data is not an object');
  }
  return data as Record<string, unknown>;
}

export function requireString(
  envelope: Envelope,
  data: Record<string, unknown>,
  key: string,
): string {
  const value = data[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new UnplannableEventError(envelope, `data.${key} must be a non-empty string`);
  }
  return value;
}

export function optionalString(data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
