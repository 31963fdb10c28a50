import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { BUS, type Bus } from '@switchboard/bus';
import { pingWithin, reasonOf } from './ping';

@Injectable()
export class BusHealthIndicator {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'bus'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      await pingWithin(() => this.bus.ping());
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: reasonOf(error) });
    }
  }
}
