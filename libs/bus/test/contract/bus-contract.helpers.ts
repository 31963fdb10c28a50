import { randomBytes } from 'node:crypto';
import type {
  Bus,
  ConsumeOptions,
  ConsumedMessage,
  Consumer,
  MessageHandler,
} from '@switchboard/bus';

/** What every contract case gets: the bus under test and fresh names on a possibly shared broker. */
export interface ContractContext {
  bus(): Bus;
  /** A fresh, created topic. */
  topic(): Promise<string>;
  /** A fresh consumer-group id. */
  group(): string;
  /** `bus().consume(...)`, stopped after the test even when it fails. */
  consume(options: ConsumeOptions, handler: MessageHandler): Promise<Consumer>;
  /** Upper bound for one asynchronous step (a delivery, a rebalance). */
  readonly stepTimeoutMs: number;
}

export function freshName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; fails with `what` and the last observed state otherwise. */
export async function waitFor(
  what: string,
  condition: () => boolean,
  timeoutMs: number,
  describe: () => unknown = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; state: ${JSON.stringify(describe())}`,
      );
    }
    await sleep(20);
  }
}

/** Records every attempt and every success of a handler, in order. */
export class Recorder {
  readonly attempts: ConsumedMessage[] = [];
  readonly handled: ConsumedMessage[] = [];

  constructor(
    private readonly behaviour: (
      message: ConsumedMessage,
      attempt: number,
    ) => Promise<void> | void = () => undefined,
  ) {}

  readonly handler: MessageHandler = async (message) => {
    this.attempts.push(message);
    const attempt = this.attempts.filter((m) => sameMessage(m, message)).length;
    await this.behaviour(message, attempt);
    this.handled.push(message);
  };

  values(): string[] {
    return this.handled.map((m) => m.value);
  }

  waitForCount(count: number, timeoutMs: number): Promise<void> {
    return waitFor(
      `${count} handled messages`,
      () => this.handled.length >= count,
      timeoutMs,
      () => ({
        handled: this.handled.length,
        values: this.values().slice(-10),
      }),
    );
  }
}

export function sameMessage(a: ConsumedMessage, b: ConsumedMessage): boolean {
  return a.topic === b.topic && a.partition === b.partition && a.offset === b.offset;
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Partition names (`topic:partition`) of a topic with `count` partitions. */
export function allPartitions(topic: string, count: number): string[] {
  return Array.from({ length: count }, (_, p) => `${topic}:${p}`);
}
