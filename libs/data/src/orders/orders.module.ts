import { Module } from '@nestjs/common';
import { RelayModule } from '@switchboard/relay';
import { OrderWriter } from './order.writer';
import { OrdersController } from './orders.controller';
import { ORDER_RELAY_ROUTES } from './orders.relay-routes';

/**
 * `POST /v1/integrations/orders` and the relay route that publishes what it writes. Needs from
 * the app: EVENT_STORE, PlatformModule (CLOCK, auth, validation) and
 * `RelayModule.forRootAsync()`.
 */
@Module({
  imports: [RelayModule.forFeature(ORDER_RELAY_ROUTES)],
  controllers: [OrdersController],
  providers: [OrderWriter],
})
export class OrdersModule {}
