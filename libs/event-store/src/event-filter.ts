import type { EventFilter } from './event-store.port';

/**
 * Filter semantics shared by every adapter, so `readAll` and `subscribeToAll` agree everywhere:
 * inside each list the entries are ORed; when both lists are given an event must pass both;
 * an absent or empty list does not restrict.
 */
export function matchesFilter(
  event: { readonly streamId: string; readonly type: string },
  filter: EventFilter | undefined,
): boolean {
  if (filter === undefined) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes !== undefined && streamPrefixes.length > 0) {
    if (!streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) return false;
  }
  if (eventTypes !== undefined && eventTypes.length > 0) {
    if (!eventTypes.includes(event.type)) return false;
  }
  return true;
}

/** True when the filter lets every event through (no list, or only empty lists). */
export function isEmptyFilter(filter: EventFilter | undefined): boolean {
  return (
    filter === undefined ||
    ((filter.streamPrefixes?.length ?? 0) === 0 && (filter.eventTypes?.length ?? 0) === 0)
  );
}
