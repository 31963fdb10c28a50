/** Codes that mean "this conversation is not yours (any more)": untrack it, sync the rest. */
export const LOST_ACCESS: ReadonlySet<string> = new Set([
  'NOT_A_MEMBER',
  'CONVERSATION_FORBIDDEN',
  'CONVERSATION_NOT_FOUND',
]);
