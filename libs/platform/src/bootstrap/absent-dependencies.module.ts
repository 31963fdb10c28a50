import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { BUS } from '@switchboard/bus';
import { EVENT_STORE } from '@switchboard/event-store';

/** What stands in for an adapter a process does not run: it answers `ping` and `close`. */
export interface AbsentDependency {
  readonly absent: true;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function absent(): AbsentDependency {
  return { absent: true, ping: async () => undefined, close: async () => undefined };
}

/**
 * For a process that has no event store (dispatcher, gateway) or no bus (gateway): `/health`
 * (PlatformModule) pings EVENT_STORE and BUS, and DeliveryModule builds its consumers over
 * BUS even when `consumers: false` never starts them. The stand-ins are up by definition, so
 * such a process's health says only that it runs; what it really depends on (Redis, Kafka)
 * shows in its own errors and metrics. Anything else called on a stand-in fails loudly
 * (it is not a function), which is what a wiring mistake should do.
 */
@Module({})
export class AbsentDependenciesModule {
  static forRoot(what: { readonly eventStore?: boolean; readonly bus?: boolean }): DynamicModule {
    const providers: Provider[] = [];
    if (what.eventStore === true) providers.push({ provide: EVENT_STORE, useValue: absent() });
    if (what.bus === true) providers.push({ provide: BUS, useValue: absent() });
    return {
      module: AbsentDependenciesModule,
      global: true,
      providers,
      exports: providers.map((provider) => (provider as { provide: symbol }).provide),
    };
  }
}
