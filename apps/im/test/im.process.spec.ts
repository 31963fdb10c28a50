import { describeServiceBoot } from '../../../test/scale/support/boot.suite';

describeServiceBoot('im', {}, [
  'Relay checkpoint store closed',
  'Bus closed',
  'Event store closed',
]);
