import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RestClient } from '@switchboard/client';
import { AuthTokenService, type RawEnv, type Role } from '@switchboard/platform';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Harness, startSwitchboard } from '../../../apps/switchboard/test/switchboard.harness';
import { ensureWebBuild } from './web.build';

/** Screenshots land here (git-ignored); the README's pictures are copies of some of them. */
export const ARTIFACTS = resolve(__dirname, '../../artifacts');

/** The whole app (embedded adapters) on a free port, serving the web UI built from the sources. */
export interface WebApp {
  readonly url: string;
  readonly harness: Harness;
  /** A REST client of the SDK signed in as anyone (seeding and checking from the test). */
  api(userId: string, role: Role): RestClient;
  /** Registers an agent (as a supervisor) and, unless `status` says otherwise, sets it online. */
  agent(
    agentId: string,
    options?: { groups?: string[]; capacity?: number; status?: 'online' | 'away' | 'offline' },
  ): Promise<void>;
  close(): Promise<void>;
}

export async function startWebApp(env: RawEnv = {}): Promise<WebApp> {
  const webDir = await ensureWebBuild();
  const harness = await startSwitchboard({ env: { LOG_LEVEL: 'warn', WEB_DIR: webDir, ...env } });
  const address = (harness.app.getHttpServer() as Server).address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  const tokens = harness.app.get(AuthTokenService);
  const api = (userId: string, role: Role) => new RestClient(url, tokens.sign({ userId, role }));
  return {
    url,
    harness,
    api,
    async agent(agentId, { groups = ['general'], capacity = 5, status = 'online' } = {}) {
      const body = { agentId, capacity, groups, skills: [], weight: 1 };
      await api('supervisor-seed', 'supervisor').call('POST', '/v1/agents', body);
      if (status !== 'offline') {
        await api(agentId, 'agent').call('PUT', `/v1/agents/${agentId}/status`, { status });
      }
    },
    close: () => harness.dispose(),
  };
}

/** A fresh browser context (own storage) and page; `mobile` is a 390×844 phone viewport. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { mobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    hasTouch: options.mobile === true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return { context, page };
}

/** Writes `test/artifacts/<name>.png` (full page). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
