import { InProcessGatewayLink } from '@switchboard/delivery/gateway-link/in-process.gateway-link';
import { describe, expect, it } from 'vitest';
import { describeGatewayLinkContract } from './gateway-link.contract';

describeGatewayLinkContract('in-process', () =>
  Promise.resolve(new InProcessGatewayLink({ warn: () => undefined })),
);

describe('InProcessGatewayLink', () => {
  it('counts the batches it dropped for gateways nobody listens to', async () => {
    const link = new InProcessGatewayLink();
    await link.deliver('gw-gone', [{ wsids: ['a'], event: 'typing', payload: {}, ack: false }]);
    await link.deliver('gw-gone', [{ wsids: ['a'], event: 'typing', payload: {}, ack: false }]);
    expect(link.dropped).toBe(2);
    await link.close();
  });
});
