import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { closeAdapterWithin } from '@switchboard/platform/shutdown/close-adapter';
import { DataProjector } from '../projection/data.projector';
import { FACT_STORE, type FactStore } from '../store/fact-store.port';
import { DATA_OPTIONS, type DataModuleOptions, describeFactStore } from './data.options';

/**
 * The data module's lifecycle: the projector joins its consumer group at application bootstrap
 * (the group consumer retries a bus that is not ready, never failing the start), stops BEFORE
 * application shutdown (its in-flight message finishes its append while the bus and the store
 * are open), and the store closes last.
 */
@Injectable()
export class DataRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Data');

  constructor(
    @Inject(DATA_OPTIONS) private readonly options: DataModuleOptions,
    @Inject(FACT_STORE) private readonly store: FactStore,
    private readonly projector: DataProjector,
    @Optional() private readonly config?: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const store = describeFactStore(this.options.store);
    if (!this.options.projector) {
      this.logger.log(`Data read model: ${store}; projector off in this process`);
      return;
    }
    await this.projector.start();
    this.logger.log(`Data read model: ${store}; projector joined consumer group "data"`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await closeAdapterWithin('Data fact store', () => this.store.close(), this.logger, this.config);
  }
}
