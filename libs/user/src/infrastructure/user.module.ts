import { Module } from '@nestjs/common';
import { CustomerFactsReader } from '../application/customer-facts.reader';
import {
  GetCustomerProfileHandler,
  GetCustomerTimelineHandler,
  GetSatisfactionHistoryHandler,
} from '../application/customer-views.handlers';
import { CustomersController } from '../application/customers.controller';
import { MeController } from '../application/me.controller';

/**
 * Customer profile, behaviour timeline and satisfaction history over REST: views over the data
 * service's read model, so it writes nothing and owns no storage.
 *
 * Needs, from the app: `CqrsModule.forRoot()` (query bus), FACT_STORE (exported by the data
 * module; not provided here, so the user module always reads the store the projection writes),
 * and PlatformModule (auth guards, validation pipe, error filter).
 */
@Module({
  controllers: [CustomersController, MeController],
  providers: [
    CustomerFactsReader,
    GetCustomerProfileHandler,
    GetCustomerTimelineHandler,
    GetSatisfactionHistoryHandler,
  ],
})
export class UserModule {}
