import { sampleEnvelope, TOPICS } from '@switchboard/contracts';
import { realInfraAvailable } from '@switchboard/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaBrokers, kafkaInfra } from '../../../../libs/bus/test/kafka/kafka.infra';
import { startConsumer } from '../../../../examples/analytics-consumer/consumer';
import {
  DomainTally,
  type Envelope,
  TopicValidator,
} from '../../../../examples/analytics-consumer/tally';
import { eventually } from '../consultations/consultations.fixture';

const SCHEMAS_DIR = join(__dirname, '..', '..', '..', '..', 'libs', 'contracts', 'schemas');
const TOPIC = TOPICS.consultationEvents;

function event(type: string, data: Record<string, unknown> = {}, id = randomUUID()): Envelope {
  const sample = sampleEnvelope(TOPIC, type);
  return { ...sample, id, data: { ...(sample.data as object), ...data } } as Envelope;
}

describe('examples/analytics-consumer: validation against the checked-in schema files', () => {
  const validator = new TopicValidator(SCHEMAS_DIR, TOPIC);

  it('knows every consultation.events.v1 type and accepts each sample', () => {
    expect(validator.known.length).toBeGreaterThanOrEqual(15);
    for (const key of validator.known) {
      const [type] = key.split('@');
      expect(validator.check(JSON.stringify(event(type!))), type).toMatchObject({ ok: true });
    }
  });

  it('refuses a broken data field, naming it, and a value that is not an envelope', () => {
    const broken = event('ConsultationRated', { score: 9 });
    expect(validator.check(JSON.stringify(broken))).toEqual({
      ok: false,
      reason: expect.stringContaining('/data/score'),
    });
    expect(validator.check('{"type":"X"}')).toMatchObject({ ok: false });
    expect(validator.check(Buffer.from('not json'))).toEqual({ ok: false, reason: 'not JSON' });
    expect(validator.check(null)).toMatchObject({ ok: false });
  });

  it('lets a type it does not know pass on the envelope alone (types are added within v1)', () => {
    const future = { ...event('ConsultationOpened'), type: 'ConsultationEscalated', data: {} };
    expect(validator.check(JSON.stringify(future))).toMatchObject({ ok: true });
  });
});

describe('examples/analytics-consumer: DomainTally', () => {
  it('counts opened and closed per domain, once per envelope id', () => {
    const tally = new DomainTally();
    const opened = event('ConsultationOpened', { consultationId: 'c-1', domain: 'travel' });
    expect(tally.apply(opened)).toMatch(/ConsultationOpened c-1 domain=travel opened=1 closed=0$/);
    expect(tally.apply(opened)).toBeNull(); // redelivered
    tally.apply(event('ConsultationOpened', { consultationId: 'c-2', domain: 'shop' }));
    const closed = event('ConsultationClosed', { consultationId: 'c-1' });
    expect(tally.apply(closed)).toMatch(/domain=travel opened=1 closed=1$/);
    expect(tally.apply(event('ConsultationRated', { consultationId: 'c-1' }))).toBeNull();
    expect(tally.apply(event('ConsultationClosed', { consultationId: 'c-9' }))).toMatch(
      /domain=\(unknown\) opened=0 closed=1$/,
    );
    expect(tally.snapshot()).toEqual({
      travel: { opened: 1, closed: 1 },
      shop: { opened: 1, closed: 0 },
      '(unknown)': { opened: 0, closed: 1 },
    });
  });
});

describe('examples/analytics-consumer on a real broker', async () => {
  const available = await realInfraAvailable(kafkaInfra);

  describe.skipIf(!available)('with kafkajs', () => {
    it('reads the topic in its own group, prints a line per counted event, skips bad ones', async () => {
      const topic = `analytics-example-${randomBytes(4).toString('hex')}`;
      const kafka = new Kafka({
        clientId: 'analytics-test',
        brokers: kafkaBrokers(),
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      const producer = kafka.producer();
      await admin.connect();
      await producer.connect();
      const lines: string[] = [];
      let running: Awaited<ReturnType<typeof startConsumer>> | undefined;
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
        const opened = event('ConsultationOpened', { consultationId: 'k-1', domain: 'travel' });
        const messages = [
          opened,
          opened,
          event('ConsultationOpened', { consultationId: 'k-2', domain: 'travel' }),
          event('ConsultationClosed', { consultationId: 'k-1' }),
          event('ConsultationRated', { consultationId: 'k-1', score: 0 }),
        ].map((envelope) => ({
          key: String(envelope.data.consultationId),
          value: JSON.stringify(envelope),
        }));
        await producer.send({ topic, messages });
        running = await startConsumer({
          brokers: kafkaBrokers(),
          groupId: `${topic}-group`,
          topic,
          schemaTopic: TOPIC,
          schemasDir: SCHEMAS_DIR,
          print: (line) => lines.push(line),
        });
        await eventually(async () => {
          expect(lines).toHaveLength(3);
          expect(running!.rejected()).toBe(1);
        }, 30_000);
        expect(running.tally.snapshot()).toEqual({ travel: { opened: 2, closed: 1 } });
      } finally {
        await running?.stop();
        await producer.disconnect();
        await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
        await admin.disconnect();
      }
    }, 60_000);
  });
});
