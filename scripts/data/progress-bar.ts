import type { RebuildProgress } from '@switchboard/data/rebuild/rebuild-read-model';

const WIDTH = 30;
const PLAIN_EVERY_MS = 5_000;

/**
 * The rebuild's progress on stderr: one line redrawn in place on a terminal
 * (`[#####.....]  42.1%  123,456 msgs  45,678 msg/s  2.7 s`), or a plain line every 5 s when
 * stderr is a file or a CI log.
 */
export class ProgressBar {
  private lastPlain = -Infinity;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(progress: RebuildProgress): void {
    const line = render(progress);
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\u001b[K`);
      this.drawn = true;
    } else if (progress.elapsedMs - this.lastPlain >= PLAIN_EVERY_MS) {
      this.lastPlain = progress.elapsedMs;
      this.stream.write(`${line}\n`);
    }
  }

  /** Ends the redrawn line so the summary starts on its own. */
  done(): void {
    if (this.drawn) this.stream.write('\n');
  }
}

export function render(progress: RebuildProgress): string {
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  const seconds = `${(progress.elapsedMs / 1000).toFixed(1)} s`;
  const stats = `${count(progress.messages)} msgs  ${count(progress.rate)} msg/s  ${seconds}`;
  if (progress.fraction === undefined) return stats;
  const filled = Math.round(Math.min(1, Math.max(0, progress.fraction)) * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  return `${bar} ${(progress.fraction * 100).toFixed(1).padStart(5)}%  ${stats}`;
}
