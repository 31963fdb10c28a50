/**
 * Polls until `check` stops throwing and answers its result; past `timeoutMs` the last error is
 * thrown (read models and subscribers follow the log asynchronously).
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 3000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Polls until `condition` holds; past `timeoutMs` fails naming `what` it waited for. */
export async function waitUntil(
  condition: () => boolean,
  what = 'condition',
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
