import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Database file paths in fresh temporary directories (a real file, never `:memory:`), all
 * removed after the suite. Call at the top level of a spec file.
 */
export function useTempFiles(prefix: string): (name?: string) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return (name = 'events.db') => {
    const dir = mkdtempSync(join(tmpdir(), `switchboard-${prefix}-`));
    dirs.push(dir);
    return join(dir, name);
  };
}
