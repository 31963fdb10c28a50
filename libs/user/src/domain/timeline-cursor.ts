import type { Fact } from '@switchboard/data';
import type { TimeKey } from './customer-facts';

/** Where a timeline page ends: the sort key of its oldest entry. */
export type TimelinePosition = TimeKey;

export function positionOf(fact: Fact): TimelinePosition {
  return { at: fact.at, revision: fact.revision, id: fact.id };
}

/** Opaque to clients: base64url of `[at, revision, id]`. */
export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.at, position.revision, position.id])).toString(
    'base64url',
  );
}

/** The position a cursor stands for, or undefined when it is not one `encodeCursor` made. */
export function decodeCursor(cursor: string): TimelinePosition | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [at, revision, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string') return undefined;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision)) return undefined;
  if (encodeCursor({ at, revision, id }) !== cursor) return undefined;
  return { at, revision, id };
}
