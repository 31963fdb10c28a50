import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { BusHealthIndicator } from './bus.health-indicator';
import { EventStoreHealthIndicator } from './event-store.health-indicator';

/** `GET /health`: 200 when every dependency answers its ping, 503 otherwise. */
@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly bus: BusHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.eventStore.check(), () => this.bus.check()]);
  }
}
