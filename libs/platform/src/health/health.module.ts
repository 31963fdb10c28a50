import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BusHealthIndicator } from './bus.health-indicator';
import { EventStoreHealthIndicator } from './event-store.health-indicator';
import { HealthController } from './health.controller';

/**
 * Needs the EVENT_STORE and BUS providers in scope: EventStoreModule and BusModule export
 * them globally.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator, BusHealthIndicator],
})
export class HealthModule {}
