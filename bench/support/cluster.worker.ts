import { ClusterDriver } from './cluster.driver';
import type { ClusterPair } from './cluster.types';
import { serveCommands } from './worker.host';

/* One cluster load generator process: its share of the pairs, both ends of each. */

let driver: ClusterDriver | undefined;

serveCommands({
  async connect(args) {
    driver = new ClusterDriver(args.pairs as ClusterPair[], `w${process.pid}`);
    await driver.connect();
  },
  start(args) {
    driver!.start(args.rate as number);
  },
  window(args) {
    driver!.beginWindow(args.gateways as number);
  },
  stop() {
    return driver!.stop();
  },
  close() {
    driver?.close();
    setImmediate(() => process.exit(0));
  },
});
