import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { EVENT_STORE, SqliteEventStore } from '@switchboard/event-store';
import { CLOCK, SystemClock } from '@switchboard/platform/clock/clock.port';
import { AgentDirectory } from '../application/agents-view/agent-directory';
import { ROUTING_CONFIG } from '../application/routing/routing.settings';
import { Router } from '../application/routing/router';
import { TimerScheduler } from '../application/timers/timer.scheduler';
import { QUEUE_POSITION_NOTIFIER } from '../application/routing/queue-position.notifier';
import {
  CapturingNotifier,
  consultationCommand,
  onlineAgents,
  openCommand,
} from '../application/routing/test/runtime.harness';
import { ConsultationRuntimeModule } from './consultation-runtime.module';

describe('ConsultationRuntimeModule', () => {
  it('boots, routes a consultation opened after bootstrap, and stops on close', async () => {
    const store = await SqliteEventStore.open({ filename: ':memory:' });
    const clock = new SystemClock();
    const notifier = new CapturingNotifier();
    @Global()
    @Module({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: QUEUE_POSITION_NOTIFIER, useValue: notifier },
      ],
      exports: [EVENT_STORE, CLOCK, QUEUE_POSITION_NOTIFIER],
    })
    class InfraModule {}

    await onlineAgents(store, clock, ['ada'], { capacity: 2 });
    const moduleRef = await Test.createTestingModule({
      imports: [InfraModule, ConsultationRuntimeModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      expect(app.get(ROUTING_CONFIG)).toEqual({ default: 'least-load' });
      expect(app.get(AgentDirectory).get('ada')?.agent.status).toBe('online');
      await consultationCommand(store, clock, 'boot-1', openCommand('boot-1'));
      await expect
        .poll(async () => app.get(AgentDirectory).get('ada')?.agent.held, {
          timeout: 5_000,
        })
        .toEqual(['boot-1']);
      await expect
        .poll(() => app.get(TimerScheduler).pendingTimers(), { timeout: 5_000 })
        .toEqual(['boot-1:accept_timeout:0']);
      // Past capacity: the third waits, and the gateway's notifier hears its position.
      await consultationCommand(store, clock, 'boot-2', openCommand('boot-2'));
      await consultationCommand(store, clock, 'boot-3', openCommand('boot-3'));
      await expect.poll(() => notifier.lastPositions().get('boot-3'), { timeout: 5_000 }).toBe(1);
      await app.get(Router).idle();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
