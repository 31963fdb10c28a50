import type { Consumer } from 'kafkajs';

/**
 * Resolves `true` once the consumer joined its group and completed a fetch, `false` after
 * `timeoutMs`; rejects if kafkajs gives the consumer up. kafkajs resolves a partition's start
 * offset (committed, or the `fromBeginning` reset) lazily, in the first fetch after a join, so
 * only then does "published after consume() resolved" mean "delivered" with
 * `fromBeginning: false`.
 */
export function joinedAndFetched(consumer: Consumer, timeoutMs: number): Promise<boolean> {
  const { GROUP_JOIN, FETCH, CRASH } = consumer.events;
  return new Promise<boolean>((resolve, reject) => {
    let joined = false;
    const finish = (outcome: boolean | Error): void => {
      clearTimeout(timer);
      removers.forEach((remove) => remove());
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const removers = [
      consumer.on(GROUP_JOIN, () => (joined = true)),
      consumer.on(FETCH, () => joined && finish(true)),
      consumer.on(CRASH, ({ payload }) => !payload.restart && finish(payload.error)),
    ];
  });
}
