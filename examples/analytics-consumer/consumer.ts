import { Kafka, logLevel } from 'kafkajs';
import { join } from 'node:path';
import { DomainTally, TopicValidator } from './tally';

/**
 * An analytics consumer of Switchboard's `consultation.events.v1`, in its own consumer group:
 * validates every message against the published JSON Schemas and prints a running count of
 * consultations opened and closed per domain. See README.md.
 */
export interface ConsumerOptions {
  readonly brokers: readonly string[];
  readonly groupId: string;
  readonly topic: string;
  /** The topic whose schemas apply (default: `topic`), for a copy of it under another name. */
  readonly schemaTopic?: string;
  readonly schemasDir: string;
  /** Where lines go (default: stdout). */
  readonly print?: (line: string) => void;
}

export interface RunningConsumer {
  readonly tally: DomainTally;
  /** Messages that failed validation (skipped, reported on stderr). */
  readonly rejected: () => number;
  stop(): Promise<void>;
}

export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const validator = new TopicValidator(options.schemasDir, options.schemaTopic ?? options.topic);
  const tally = new DomainTally();
  let rejected = 0;
  const kafka = new Kafka({
    clientId: options.groupId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
  });
  const consumer = kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const checked = validator.check(message.value);
      if (!checked.ok) {
        rejected += 1;
        console.error(`skipped partition ${partition} offset ${message.offset}: ${checked.reason}`);
        return;
      }
      const line = tally.apply(checked.envelope);
      if (line !== null) print(line);
    },
  });
  return { tally, rejected: () => rejected, stop: () => consumer.disconnect() };
}

if (require.main === module) {
  const env = process.env;
  startConsumer({
    brokers: (env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
    groupId: env.GROUP_ID ?? 'analytics-example',
    topic: env.TOPIC ?? 'consultation.events.v1',
    schemasDir: env.SCHEMAS_DIR ?? join(__dirname, '..', '..', 'libs', 'contracts', 'schemas'),
  })
    .then((running) => {
      const stop = () => void running.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
