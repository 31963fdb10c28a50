/** Most cursors one `conversation.sync` / `POST /v1/conversations/sync` accepts (v1). */
export const MAX_SYNC_CURSORS = 200;

/** Codes that mean "this conversation is not yours (any more)": untrack it, sync the rest. */
export const LOST_ACCESS: ReadonlySet<string> = new Set([
  'NOT_A_MEMBER',
  'CONVERSATION_FORBIDDEN',
  'CONVERSATION_NOT_FOUND',
]);

/** Splits cursors into requests the server accepts. */
export function inChunks<T>(items: readonly T[], size = MAX_SYNC_CURSORS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
