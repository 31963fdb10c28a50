import { HttpEdgeServices } from '@switchboard/gateway';
import { edgeServicesContract } from '../../../../libs/gateway/test/edge-services.contract';
import { baseUrl } from '../messaging/messaging.fixture';
import { startEdgeWorld } from './edge.world';

// The adapter a split gateway runs, against the real REST API (one app plays im and
// customer-service: the routes are the same wherever they run).
edgeServicesContract('HTTP (apps/gateway → im, customer-service)', () =>
  startEdgeWorld((api) => {
    const url = baseUrl(api);
    return new HttpEdgeServices({ imUrl: url, customerServiceUrl: url, timeoutMs: 10_000 });
  }),
);
