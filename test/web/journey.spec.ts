import { expect, it } from 'vitest';
import { AgentDesk, solidPng } from './support/agent.page';
import { describeInBrowser } from './support/browser.suite';
import { metricsLoaded, openSection, openSupervisor, signIn } from './support/supervisor.page';
import { openPage, screenshot } from './support/web.app';
import { messageLog, openWidget, startChat, status } from './support/widget.page';

/**
 * The whole journey across the three screens, each in its own browser context: a
 * customer opens a consultation in the widget, the agent sees it on the desktop and accepts,
 * they write both ways with typing and read receipts, the agent sends an image and resolves,
 * the customer rates, and the supervisor view shows that consultation in the metrics.
 */
describeInBrowser(
  'the web UI end to end in three browser contexts: widget, agent desktop, supervisor view',
  (suite) => {
    it('customer → agent → rating → metrics', async () => {
      const { app, browser } = suite;
      await app.agent('ana', { groups: ['journey-desk'], capacity: 3, status: 'offline' });
      const errors: string[] = [];
      const agentPage = await openPage(browser, 'about:blank');
      agentPage.page.on('pageerror', (error) => errors.push(`agent: ${error.message}`));
      const desk = new AgentDesk(agentPage.page);
      await desk.signIn(app.url, 'ana');
      await desk.setStatus('Online');

      const widget = await openWidget(
        browser,
        app,
        { domain: 'travel', group: 'journey-desk', customer: 'cust-mia' },
        { mobile: true },
      );
      const customer = widget.page;
      const consultationId = await startChat(customer);

      // The agent sees it and accepts.
      await desk.item('cust-mia').waitFor();
      await desk.item('cust-mia').click();
      await agentPage.page.getByRole('button', { name: 'Accept', exact: true }).click();
      await agentPage.page.getByRole('button', { name: 'Resolve', exact: true }).waitFor();

      // Customer → agent, with typing first; the agent's screen reads it: "Read" for the customer.
      const customerBox = customer.getByRole('textbox', { name: 'Message' });
      await customerBox.pressSequentially('My bag did not arrive');
      await agentPage.page.getByText('cust-mia is typing…').waitFor();
      await customerBox.press('Enter');
      await desk.log.getByText('My bag did not arrive', { exact: true }).waitFor();
      const asked = messageLog(customer).locator('li', { hasText: 'My bag did not arrive' });
      await expect.poll(() => asked.locator('[data-receipt]').textContent()).toBe('Read');

      // Agent → customer, with typing first; the widget reads it: "Read" on the desktop.
      await desk.composer.pressSequentially('Found it');
      await customer.getByText('Agent is typing…').waitFor();
      await desk.composer.fill('Found it: it arrives tonight.');
      await desk.composer.press('Enter');
      await messageLog(customer).getByText('Found it: it arrives tonight.').waitFor();
      const answer = desk.log.locator('li', { hasText: 'Found it: it arrives tonight.' });
      await expect.poll(() => answer.locator('[data-receipt]').textContent()).toBe('Read');

      // An image from the agent, previewed in the widget from the uploaded bytes.
      await agentPage.page.getByLabel('Attach file').setInputFiles({
        name: 'delivery-slip.png',
        mimeType: 'image/png',
        buffer: solidPng(40, [20, 140, 60]),
      });
      const image = messageLog(customer).getByRole('img', { name: 'delivery-slip.png' });
      await image.waitFor();
      await expect
        .poll(() =>
          image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(40);
      await screenshot(agentPage.page, 'journey-agent-desktop');
      await screenshot(customer, 'journey-widget-chat');

      // Resolve; the customer rates 4 with a comment.
      await agentPage.page.getByRole('button', { name: 'Resolve', exact: true }).click();
      await expect.poll(() => status(customer).getAttribute('data-state')).toBe('resolved');
      const rating = customer.getByRole('form', { name: 'How did we do?' });
      await rating.getByRole('button', { name: /^4 of 5/ }).click();
      await rating.getByRole('textbox', { name: 'Comment (optional)' }).fill('Fast, thanks');
      await rating.getByRole('button', { name: 'Send rating' }).click();
      await customer.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
      const recorded = await app
        .api('supervisor-check', 'supervisor')
        .call<{ rating: { score: number } | null }>('GET', `/v1/consultations/${consultationId}`);
      expect(recorded.rating?.score).toBe(4);

      // The supervisor's metrics show this consultation: opened, resolved, rated 4. The data
      // service follows the log asynchronously and the page refreshes every minute, so wait
      // until the API has the rating before the page asks.
      const since = new Date(Date.now() - 86_400_000).toISOString();
      await expect
        .poll(
          async () =>
            (
              await app
                .api('supervisor-check', 'supervisor')
                .call<{ rows: { ratings: number }[] }>(
                  'GET',
                  `/v1/metrics?from=${since}&to=${new Date(Date.now() + 60_000).toISOString()}&bucket=day`,
                )
            ).rows.reduce((sum, row) => sum + row.ratings, 0),
          { timeout: 20_000 },
        )
        .toBe(1);
      const supervisor = await openSupervisor(browser, app.url);
      await signIn(supervisor.page, 'sam');
      await openSection(supervisor.page, 'Metrics');
      await metricsLoaded(supervisor.page);
      const headline = (label: string) =>
        supervisor.page.locator(`[data-headline="${label}"]`).textContent();
      await expect.poll(() => headline('Opened'), { timeout: 20_000 }).toBe('1');
      await expect.poll(() => headline('Resolved'), { timeout: 20_000 }).toBe('1');
      await expect.poll(() => headline('Ratings'), { timeout: 20_000 }).toBe('1');
      expect(await headline('CSAT')).toMatch(/^4\.00/);
      await screenshot(supervisor.page, 'journey-supervisor-metrics');

      expect([...errors, ...widget.errors, ...supervisor.errors]).toEqual([]);
      await Promise.all(
        [agentPage.context, widget.context, supervisor.context].map((c) => c.close()),
      );
    });
  },
  // A fresh app: the metrics hold this journey only. No metrics cache: figures at once.
  { env: { DATA_METRICS_CACHE_MS: '0' } },
);
