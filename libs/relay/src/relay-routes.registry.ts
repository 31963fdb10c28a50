import { Injectable } from '@nestjs/common';
import type { RelayRoute } from './relay.options';

/**
 * The routes contexts hand to the relay (through `RelayModule.forFeature`), collected while
 * modules initialise; the relay reads them once, at application bootstrap.
 */
@Injectable()
export class RelayRoutesRegistry {
  private readonly routes: RelayRoute[] = [];
  private frozen = false;

  /** @throws Error once the relay has started: a late route would silently never run. */
  add(routes: readonly RelayRoute[]): void {
    if (this.frozen)
      throw new Error('Relay routes must be registered before application bootstrap');
    this.routes.push(...routes);
  }

  /** The routes, frozen from now on. */
  freeze(): readonly RelayRoute[] {
    this.frozen = true;
    return [...this.routes];
  }

  get size(): number {
    return this.routes.length;
  }
}
