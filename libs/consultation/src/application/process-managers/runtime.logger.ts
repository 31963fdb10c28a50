/**
 * What the runtime services log through. Nest's `Logger` fits it as is; the application layer
 * stays free of Nest, and tests pass a silent or capturing one.
 */
export interface RuntimeLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: RuntimeLogger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
