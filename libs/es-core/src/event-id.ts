import { hash } from 'node:crypto';

/**
 * Event ids derived from the command id and the event's index in the command's output, so a
 * command retried with the same id produces the same event ids and the store's idempotency
 * turns the retry into a no-op. Shaped as a UUID (version 5 bits, RFC 4122 variant) because
 * EventStoreDB requires UUID event ids. One-shot `hash` (no Hash object per id): a routing
 * burst derives several thousand ids on its critical path; the ids are the same as ever.
 */
export function deriveEventId(commandId: string, index: number): string {
  const hex = hash('sha1', `${commandId}/${index}`);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  // join() makes one flat string; a template made a chain of eight cons strings per id.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
