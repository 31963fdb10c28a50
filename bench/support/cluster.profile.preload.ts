import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/*
 * Preloaded through NODE_OPTIONS into each service of the cluster bench (Node refuses
 * `--cpu-prof` there): profiles the whole life of the process with the inspector and writes
 * `<BENCH_PROFILE_NAME>.cpuprofile` into BENCH_PROFILE_DIR on exit, like `--cpu-prof` would.
 * The in-thread session answers synchronously, so the exit handler can still write the file.
 */
const dir = process.env.BENCH_PROFILE_DIR;
if (dir !== undefined && dir !== '') {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error !== null) return;
      const name = `${process.env.BENCH_PROFILE_NAME ?? 'service'}-${process.pid}.cpuprofile`;
      writeFileSync(join(dir, name), JSON.stringify(result.profile));
    });
  });
}
