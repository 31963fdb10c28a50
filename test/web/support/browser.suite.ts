import type { RawEnv } from '@switchboard/platform';
import { realInfraAvailable } from '@switchboard/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { chromiumInfra, launchChromium } from './chromium.infra';
import { startWebApp, type WebApp } from './web.app';

/** What a browser suite's tests drive: the file's one app and one Chromium. */
export interface BrowserSuite {
  /** The app started for this file; read it in hooks and tests, not while declaring them. */
  readonly app: WebApp;
  readonly browser: Browser;
}

/**
 * A browser test file's suite: `name` > "in Chromium against the app" > the tests `body`
 * declares. It runs when Chromium starts (otherwise a loud skip notice, and a failure under
 * REQUIRE_BROWSER=1: `chromiumInfra`). One app (`options.env` added to its environment) and one
 * browser per file, started in parallel before the body's own `beforeAll` hooks and closed after
 * its `afterAll` hooks; whichever of them started is closed even if the other failed to.
 */
export function describeInBrowser(
  name: string,
  body: (suite: BrowserSuite) => void,
  options: { env?: RawEnv } = {},
): void {
  describe(name, async () => {
    const available = await realInfraAvailable(chromiumInfra);

    describe.skipIf(!available)('in Chromium against the app', () => {
      let app: WebApp | undefined;
      let browser: Browser | undefined;
      beforeAll(async () => {
        const [started, launched] = await Promise.allSettled([
          startWebApp(options.env),
          launchChromium(),
        ]);
        if (started.status === 'fulfilled') app = started.value;
        if (launched.status === 'fulfilled') browser = launched.value;
        if (started.status === 'rejected') throw started.reason;
        if (launched.status === 'rejected') throw launched.reason;
      });
      // Registered before the body's hooks: Vitest runs afterAll hooks last-registered first.
      afterAll(async () => {
        await browser?.close();
        await app?.close();
      });

      body({
        get app() {
          return app ?? notStarted('app');
        },
        get browser() {
          return browser ?? notStarted('browser');
        },
      });
    });
  });
}

function notStarted(what: string): never {
  throw new Error(`the suite's ${what} is not running (its beforeAll failed or has not run yet)`);
}
