import { scenarioNames } from './bench.args';
import { scenarios } from './bench.registry';
import { writeReport } from './bench.report';

/**
 * `npm run bench -- <scenario|all> [--strict] [--events N]`. Writes `bench/results/<scenario>.json` and
 * prints one line per figure. Missed targets are reported; with `--strict` they also make the
 * exit code 1 (for CI on a known machine; laptops vary too much to gate by default).
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const wanted = scenarioNames(args);
  const names =
    wanted.length === 0 || wanted.includes('all') ? scenarios.map((s) => s.name) : wanted;
  const unknown = names.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}. Available:`);
    for (const s of scenarios) console.error(`  ${s.name.padEnd(16)} ${s.description}`);
    return 2;
  }

  let allPassed = true;
  for (const name of names) {
    const scenario = scenarios.find((s) => s.name === name)!;
    console.log(`\n== ${scenario.name}: ${scenario.description}`);
    const report = await scenario.run((line) => console.log(`  ${line}`));
    const file = writeReport(report);
    for (const [key, passed] of Object.entries(report.pass)) {
      console.log(`  ${passed ? 'PASS' : 'FAIL'}  ${key}: ${report.target[key] ?? ''}`);
      allPassed &&= passed;
    }
    console.log(`  -> ${file}`);
  }
  return strict && !allPassed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
