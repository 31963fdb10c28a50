import { realInfraAvailable } from '@switchboard/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumInfra, launchChromium } from './support/chromium.infra';
import { openPage, screenshot, startWebApp, type WebApp } from './support/web.app';

describe('web UI in Chromium', async () => {
  const available = await realInfraAvailable(chromiumInfra);

  describe.skipIf(!available)('served by the app', () => {
    let app: WebApp;
    let browser: Browser;
    beforeAll(async () => {
      [app, browser] = await Promise.all([startWebApp(), launchChromium()]);
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
    });

    it('links the three screens from the landing page and loads each without errors', async () => {
      const { context, page } = await openPage(browser, app.url);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const links = page.getByRole('navigation', { name: 'Screens' }).getByRole('link');
      expect(await links.allTextContents()).toEqual([
        'Agent desktop',
        'Supervisor view',
        'Customer widget',
        'REST API (OpenAPI)',
      ]);
      for (const name of ['Agent desktop', 'Supervisor view', 'Customer widget']) {
        await page.goto(app.url);
        await page.getByRole('link', { name }).click();
        await expect.poll(() => page.locator('#app').innerHTML()).not.toBe('');
      }
      await screenshot(page, 'landing');
      expect(errors).toEqual([]);
      await context.close();
    });
  });
});
