import { describeDeliveryGuarantees } from './delivery-guarantees.suite';

describeDeliveryGuarantees('socket.io (WebSocket)', {
  transport: 'socket',
  socketTransports: ['websocket'],
});
