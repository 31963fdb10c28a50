import type { RealInfra } from '@switchboard/testing';
import { Kafka, logLevel } from 'kafkajs';

/** Brokers of the real Kafka the suites use: KAFKA_BROKERS (comma-separated) or the local script's. */
export const kafkaBrokers = (): string[] =>
  (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

/** Gate for Kafka suites (`bash scripts/kafka/start.sh`); REQUIRE_KAFKA=1 turns a skip into a failure. */
export const kafkaInfra: RealInfra = {
  name: 'Kafka',
  requireVar: 'REQUIRE_KAFKA',
  probe: async () => {
    const kafka = new Kafka({
      clientId: 'switchboard-probe',
      brokers: kafkaBrokers(),
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1_000 },
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },
};
