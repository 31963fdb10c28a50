import { describeDeliveryGuarantees } from './delivery-guarantees.suite';

describeDeliveryGuarantees('REST long-poll', { transport: 'long-poll' });
