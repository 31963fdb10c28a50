/** A health check must answer even when a dependency hangs; a slow ping counts as down. */
export const PING_TIMEOUT_MS = 2_000;

export async function pingWithin(
  ping: () => Promise<void>,
  ms: number = PING_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
