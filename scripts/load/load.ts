import { ChatDriver } from './load.driver';
import { parseLoadArgs, USAGE, type LoadOptions } from './load.args';
import { formatReport, progressBar, summarize } from './load.report';
import { devTokens, pairUp } from './load.setup';

/*
 * `npm run load -- --url <base> --customers N --agents M --rate R --duration S`
 * Customers open consultations over REST, the agents accept them, then customers chat over
 * socket.io at R messages/s in total and every message is answered by the agent. A live
 * progress line, then the latency histogram, throughput and errors. Runs against any
 * deployment that issues development tokens (POST /v1/auth/dev-token).
 */

let lastPlain = 0;

/** Redraws one line on a terminal; elsewhere (CI logs) prints a plain line every 5 s. */
function line(text: string): void {
  if (process.stdout.isTTY) {
    process.stdout.write(`\r${text.padEnd(process.stdout.columns - 1)}`);
  } else if (Date.now() - lastPlain >= 5_000) {
    lastPlain = Date.now();
    console.log(text);
  }
}

async function main(options: LoadOptions): Promise<number> {
  console.log(
    `Load on ${options.url}: ${options.customers} customers, ${options.agents} agents, ` +
      `${options.rate} customer msgs/s (+ as many answers), ${options.duration} s`,
  );
  const pairs = await pairUp({
    url: options.url,
    customers: options.customers,
    agents: options.agents,
    domain: options.domain,
    tokens: devTokens(options.url),
    onPair: (ready) =>
      line(progressBar(ready / options.customers, 30, `consultations ready ${ready}`)),
  });
  line('connecting sockets...');
  const driver = new ChatDriver({ url: options.url, pairs });
  await driver.connect();
  driver.start({ mode: 'rate', rate: options.rate });
  await new Promise((resolve) => setTimeout(resolve, options.warmup * 1000));
  driver.beginWindow();
  const total = options.duration * 1000;
  const began = Date.now();
  while (Date.now() - began < total) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stats = driver.snapshot();
    const p99 = summarize(stats.latenciesMs.slice(-2_000)).p99;
    const errors = Object.values(stats.errors).reduce((a, b) => a + b, 0);
    line(
      progressBar(
        (Date.now() - began) / total,
        30,
        `${Math.round(stats.delivered / Math.max(stats.seconds, 0.001))} msgs/s, ` +
          `recent p99 ${Number.isNaN(p99) ? '-' : p99.toFixed(1)} ms, errors ${errors}`,
      ),
    );
  }
  const stats = driver.stop();
  await driver.drain();
  driver.close();
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.log(formatReport(stats));
  return Object.keys(stats.errors).length === 0 ? 0 : 1;
}

let options: LoadOptions;
try {
  options = parseLoadArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
