import { ChatDriver, type DrivePlan } from '../../scripts/load/load.driver';
import type { ChatPair } from '../../scripts/load/load.setup';
import { serveCommands } from './worker.host';

/* One relay load generator process: its share of the customer/agent pairs. */

let driver: ChatDriver | undefined;

serveCommands({
  async connect(args) {
    driver = new ChatDriver({
      url: args.url as string,
      pairs: args.pairs as ChatPair[],
      idPrefix: `w${process.pid}`,
    });
    await driver.connect(50);
  },
  start(args) {
    driver!.start(args.plan as DrivePlan);
  },
  window() {
    driver!.beginWindow();
  },
  async stop() {
    const stats = driver!.stop();
    await driver!.drain();
    return stats;
  },
  close() {
    driver?.close();
    setImmediate(() => process.exit(0));
  },
});
