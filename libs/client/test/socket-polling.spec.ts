import { describeDeliveryGuarantees } from './delivery-guarantees.suite';

describeDeliveryGuarantees('socket.io (HTTP polling)', {
  transport: 'socket',
  socketTransports: ['polling'],
});
