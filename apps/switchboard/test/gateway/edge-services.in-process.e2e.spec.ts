import { EDGE_SERVICES, type EdgeServices, InProcessEdgeServices } from '@switchboard/gateway';
import { edgeServicesContract } from '../../../../libs/gateway/test/edge-services.contract';
import { startEdgeWorld } from './edge.world';

// The adapter apps/switchboard runs: the app's own EDGE_SERVICES, over its CQRS buses.
edgeServicesContract('in-process (apps/switchboard)', () =>
  startEdgeWorld((api) => {
    const edge = api.harness.app.get<EdgeServices>(EDGE_SERVICES);
    if (!(edge instanceof InProcessEdgeServices)) throw new Error('expected the in-process edge');
    return edge;
  }),
);
