import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { BUS, InMemoryBus, silentBusLogger } from '@switchboard/bus';
import { handleCommand } from '@switchboard/es-core';
import { EVENT_STORE, SqliteEventStore } from '@switchboard/event-store';
import { CLOCK } from '@switchboard/platform/clock/clock.port';
import { FixedClock } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';
import { type FaqCommand, faqDecider, faqStream } from '../domain/faq';
import { autoReplyStream } from '../domain/service-hours';
import {
  acceptedConsultation,
  envelopeOf,
  posted,
  publish,
} from '../application/messages/test/im-messages.fixtures';
import { MESSAGE_TEXTS, type MessageTexts } from '../application/quality/quality.settings';
import { ConsultationMessagesModule } from './consultation-messages.module';

describe('ConsultationMessagesModule', () => {
  it('boots on the app bus: a first customer message gets the FAQ answer, staff texts reach MESSAGE_TEXTS', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    const bus = new InMemoryBus({ logger: silentBusLogger });
    const clock = new FixedClock('2026-03-02T09:05:00.000Z');
    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: BUS, useValue: bus },
      ],
      exports: [EVENT_STORE, CLOCK, BUS],
    })
    class InfraModule {}

    await handleCommand(store, faqStream('travel'), faqDecider, {
      type: 'addFaqEntry',
      data: {
        domain: 'travel',
        entryId: 'refund',
        question: 'How do I get a refund?',
        answer: 'Refunds take 7 days.',
        keywords: ['money back', 'refund'],
      },
      metadata: { commandId: 'faq-1', now: clock.now() },
    } as FaqCommand);
    await acceptedConsultation(store, 'm1');
    const moduleRef = await Test.createTestingModule({
      imports: [InfraModule, CqrsModule.forRoot(), ConsultationMessagesModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      await publish(bus, envelopeOf(posted('m1', 1, { text: 'How do I get a refund?' })));
      const agentReply = { senderId: 'ada', senderRole: 'agent' as const, text: 'Checking' };
      await publish(bus, envelopeOf(posted('m1', 2, agentReply)));
      await expect
        .poll(async () => (await store.readStream(autoReplyStream('m1'))).map((e) => e.data), {
          timeout: 5_000,
        })
        .toEqual([expect.objectContaining({ kind: 'faq_answer', text: 'Refunds take 7 days.' })]);
      const texts = app.get<MessageTexts>(MESSAGE_TEXTS);
      await expect.poll(() => texts.textsOf('conv-m1'), { timeout: 5_000 }).toEqual(['Checking']);
    } finally {
      await app.close();
      await bus.close();
      await store.close();
    }
  });
});
