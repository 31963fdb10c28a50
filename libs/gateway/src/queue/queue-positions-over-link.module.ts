import { Global, Module } from '@nestjs/common';
import { QUEUE_POSITION_NOTIFIER } from '@switchboard/consultation/application/routing/queue-position.notifier';
import { LinkQueuePositionNotifier } from './link-queue-position.notifier';

/**
 * For apps/customer-service: QUEUE_POSITION_NOTIFIER (global, so ConsultationRuntimeModule's
 * router finds it) as LinkQueuePositionNotifier. Needs from the app: `CqrsModule.forRoot()`
 * with the consultation handlers, and global CONNECTION_REGISTRY and GATEWAY_LINK providers
 * (DeliveryModule with the Redis adapters). Not for an app that imports GatewayModule in
 * in-process mode: that one provides the token already.
 */
@Global()
@Module({
  providers: [
    LinkQueuePositionNotifier,
    { provide: QUEUE_POSITION_NOTIFIER, useExisting: LinkQueuePositionNotifier },
  ],
  exports: [QUEUE_POSITION_NOTIFIER, LinkQueuePositionNotifier],
})
export class QueuePositionsOverLinkModule {}
