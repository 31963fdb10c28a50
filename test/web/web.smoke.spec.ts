import { expect, it } from 'vitest';
import { describeInBrowser } from './support/browser.suite';
import { openPage, screenshot } from './support/web.app';

describeInBrowser('web UI served by the app', (suite) => {
  it('links the three screens from the landing page and loads each without errors', async () => {
    const { app, browser } = suite;
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
