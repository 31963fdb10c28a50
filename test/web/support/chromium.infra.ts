import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RealInfra } from '@switchboard/testing';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (package `chromium`; downloading Playwright's own browsers is not possible
 * here). `CHROMIUM_PATH` overrides the PATH lookup.
 */
export function chromiumPath(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') return configured;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found !== '' && existsSync(found)) return found;
    } catch {
      // not on the PATH under this name
    }
  }
  return undefined;
}

/**
 * The flags a root, offline, GPU-less machine needs: no sandbox (root), no background
 * networking (its connections are refused here and slow every start), a fresh profile.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('no chromium on the PATH');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Browser suites run when Chromium starts; REQUIRE_BROWSER=1 (CI) makes its absence a failure. */
export const chromiumInfra: RealInfra = {
  name: 'Chromium (Debian package `chromium`)',
  requireVar: 'REQUIRE_BROWSER',
  probe: async () => {
    const browser = await launchChromium();
    await browser.close();
  },
};
