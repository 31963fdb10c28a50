import { type LogEntry, type logCreator, logLevel } from 'kafkajs';
import type { BusLogger } from '../bus.logger';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export const KAFKA_LOG_LEVELS: Readonly<Record<KafkaLogLevel, logLevel>> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/**
 * What kafkajs logs during normal operation: every rebalance warns, and every error response
 * (a heartbeat answered "rebalancing", a coordinator still loading) is logged at ERROR by the
 * connection before kafkajs retries it. Real failures surface anyway (a rejected publish, a
 * consumer crash, retries exhausted), so these are shown at info level only: otherwise they
 * would train operators to ignore the bus's errors.
 */
function isRoutine(namespace: string, message: string): boolean {
  if (namespace === 'Connection' && message.startsWith('Response ')) return true;
  return /group is rebalancing, re-joining|consumer not running/i.test(message);
}

/**
 * Routes kafkajs' own logs to the bus logger. kafkajs logs connection chatter at INFO and every
 * request at DEBUG by default; the bus runs it at WARN unless asked otherwise.
 */
export function kafkaLogCreator(logger: BusLogger, level: logLevel): logCreator {
  return () =>
    ({ namespace, level: entryLevel, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, stack: _stack, ...extra } = log;
      const effective: number = isRoutine(namespace, message)
        ? Math.max(entryLevel, logLevel.INFO)
        : entryLevel;
      if (effective > level) return;
      const text = `kafkajs ${namespace}: ${message}`;
      if (effective === logLevel.ERROR) logger.error(text, extra);
      else if (effective === logLevel.WARN) logger.warn(text, extra);
      else logger.info?.(text, extra);
    };
}
