import type { WebSocket } from 'playwright-core';
import { expect, it } from 'vitest';
import { AgentDesk, customerDevices } from './support/agent.page';
import { describeInBrowser } from './support/browser.suite';
import { openPage, screenshot } from './support/web.app';

const WHILE_CUT = 12;

describeInBrowser(
  'agent desktop: connection cut and history',
  (suite) => {
    const connectCustomer = customerDevices(suite);

    it('shows a banner while offline and, once back, shows every message sent meanwhile once, in order', async () => {
      const { app, browser } = suite;
      await app.agent('eve', { groups: ['night-desk'] });
      const { context, page } = await openPage(browser, 'about:blank');
      const sockets: WebSocket[] = [];
      page.on('websocket', (ws) => ws.url().includes('/socket.io/') && sockets.push(ws));
      const desk = new AgentDesk(page);
      await desk.signIn(app.url, 'eve');

      const customer = await connectCustomer('cust-night');
      const opened = await customer.client.openConsultation({
        domain: 'shop',
        group: 'night-desk',
      });
      const conversationId = opened.conversationId;
      await desk.item('cust-night').click();
      await page.getByRole('button', { name: 'Accept', exact: true }).click();
      await customer.client.send({ conversationId, type: 'text', text: 'before the cut' });
      await desk.log.getByText('before the cut').waitFor();
      await expect.poll(() => sockets.filter((ws) => !ws.isClosed()).length).toBe(1);
      const live = sockets.find((ws) => !ws.isClosed())!;

      // Cut: the browser goes offline. Chromium sometimes closes the WebSocket at once and
      // sometimes leaves it open (and, once the page closes it, may wait out its closing handshake);
      // the socket.io heartbeat is what notices, as on a real network. The app runs with a short
      // heartbeat (below), so the page drops the connection within seconds either way.
      await context.setOffline(true);
      await expect
        .poll(() => desk.banner().getAttribute('data-connection'), { timeout: 20_000 })
        .toBe('disconnected');
      expect(await desk.banner().getAttribute('role')).toBe('alert');

      const sent: string[] = [];
      for (let i = 1; i <= WHILE_CUT; i++) {
        const text = `while cut ${i}`;
        await customer.client.send({ conversationId, type: 'text', text });
        sent.push(text);
      }
      // Nothing reaches the offline page meanwhile; what the agent writes waits, marked so.
      await desk.composer.fill('written while cut');
      await desk.composer.press('Enter');
      const pending = page.getByRole('list', { name: 'Messages being sent' });
      await pending.getByText('written while cut — Sending…').waitFor();
      await new Promise((r) => setTimeout(r, 500));
      expect(await desk.texts()).toEqual(['before the cut']);
      expect(customer.texts()).not.toContain('written while cut');
      await screenshot(page, 'agent-desktop-offline-banner');

      await context.setOffline(false);
      await expect.poll(() => desk.banner().count(), { timeout: 20_000 }).toBe(0);
      await expect
        .poll(() => desk.texts(), { timeout: 15_000 })
        .toEqual(['before the cut', ...sent, 'written while cut']);
      await expect.poll(() => customer.texts()).toContain('written while cut');
      expect(customer.texts().filter((t) => t === 'written while cut')).toHaveLength(1);
      expect(await pending.count()).toBe(0);
      const seqs = (await desk.log
        .locator('li')
        .evaluateAll((items) =>
          items.map((li) => Number(li.getAttribute('data-seq'))),
        )) as number[];
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      // The page reconnected over a new websocket, and that one is open.
      const latest = sockets.at(-1)!;
      expect(latest).not.toBe(live);
      expect(latest.isClosed()).toBe(false);
      await screenshot(page, 'agent-desktop-after-reconnect');
      await context.close();
    }, 60_000);

    it('after a reload, scrolls back through a long history by seq', async () => {
      const { app, browser } = suite;
      await app.agent('fay', { groups: ['history-desk'] });
      const customer = await connectCustomer('cust-chatty');
      const opened = await customer.client.openConsultation({
        domain: 'shop',
        group: 'history-desk',
      });
      const all = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
      for (const text of all) {
        await customer.client.send({ conversationId: opened.conversationId, type: 'text', text });
      }
      const { context, page } = await openPage(browser, 'about:blank');
      const desk = new AgentDesk(page);
      await desk.signIn(app.url, 'fay');
      await desk.item('cust-chatty').click();
      // A first visit syncs the whole conversation (cursor 0); the cursors then live in
      // localStorage, so after a reload only the latest history page is fetched.
      await desk.log.getByText('line 40', { exact: true }).waitFor();
      await page.reload();
      await desk.item('cust-chatty').click();
      await desk.log.getByText('line 40', { exact: true }).waitFor();
      expect(await desk.texts()).toEqual(all.slice(10));
      await page.getByRole('button', { name: 'Load earlier messages' }).click();
      await expect.poll(() => desk.texts()).toEqual(all);
      expect(await page.getByRole('button', { name: 'Load earlier messages' }).count()).toBe(0);
      // Scrolled back to read, the agent stays there (the customer typing re-renders the pane).
      await desk.log.evaluate((el) => (el.scrollTop = 0));
      await customer.client.typing(opened.conversationId, true);
      await page.getByText('cust-chatty is typing…').waitFor();
      await page.waitForTimeout(2_500);
      expect(await desk.log.evaluate((el) => el.scrollTop)).toBe(0);
      // A new message brings the view down to it.
      await customer.client.send({
        conversationId: opened.conversationId,
        type: 'text',
        text: 'new',
      });
      await desk.log.getByText('new', { exact: true }).waitFor();
      await expect.poll(() => desk.log.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
      await context.close();
    });
  },
  // A dead network is noticed after ping interval + timeout: 4 s here instead of 45 s.
  { env: { GATEWAY_PING_INTERVAL_MS: '2000', GATEWAY_PING_TIMEOUT_MS: '2000' } },
);
