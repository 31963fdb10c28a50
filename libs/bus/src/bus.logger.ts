/**
 * The little logging the bus adapters need. Kept as a structural interface so the bus depends
 * on no logging library: a pino or Nest logger adapts in one line.
 */
export interface BusLogger {
  /** Optional: only the driver's own logs use it, when asked for a chatty level. */
  info?(message: string, context?: Readonly<Record<string, unknown>>): void;
  warn(message: string, context?: Readonly<Record<string, unknown>>): void;
  error(message: string, context?: Readonly<Record<string, unknown>>): void;
}

/** Default: one line on stderr per entry. Bus adapters only log what an operator should see. */
export const consoleBusLogger: BusLogger = {
  info: (message, context) => console.info(`[bus] ${message}${suffix(context)}`),
  warn: (message, context) => console.warn(`[bus] ${message}${suffix(context)}`),
  error: (message, context) => console.error(`[bus] ${message}${suffix(context)}`),
};

/** For tests that provoke failures on purpose. */
export const silentBusLogger: BusLogger = { warn: () => undefined, error: () => undefined };

function suffix(context: Readonly<Record<string, unknown>> | undefined): string {
  if (context === undefined) return '';
  try {
    return ` ${JSON.stringify(context, (_key, value: unknown) => (value instanceof Error ? value.message : value))}`;
  } catch {
    return '';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
