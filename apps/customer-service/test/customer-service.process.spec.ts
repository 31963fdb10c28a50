import { describeServiceBoot } from '../../../test/scale/support/boot.suite';

describeServiceBoot('customer-service', {}, [
  'Relay lease closed',
  'Bus closed',
  'Event store closed',
]);
