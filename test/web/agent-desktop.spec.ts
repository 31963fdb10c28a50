import type { ReadEvent } from '@switchboard/client';
import { expect, it } from 'vitest';
import {
  AgentDesk,
  alertCount,
  customerDevices,
  notifications,
  recordNotifications,
  seedReplies,
  solidPng,
} from './support/agent.page';
import { describeInBrowser } from './support/browser.suite';
import { openPage, screenshot } from './support/web.app';

describeInBrowser('agent desktop: a shift with one customer', (suite) => {
  const connectCustomer = customerDevices(suite);

  it('goes online, is alerted, accepts, chats both ways with typing, receipts, image, note, suggestions, and resolves', async () => {
    const { app, browser } = suite;
    await app.agent('ada', { groups: ['travel-desk'], status: 'offline' });
    await seedReplies(app, 'travel');
    const { context, page } = await openPage(browser, 'about:blank');
    await recordNotifications(context);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const desk = new AgentDesk(page);
    await desk.signIn(app.url, 'ada');
    await expect.poll(() => desk.status('Offline').isChecked()).toBe(true);
    await desk.setStatus('Online');
    const supervisor = app.api('supervisor-check', 'supervisor');
    await expect
      .poll(async () => (await supervisor.call<{ status: string }>('GET', '/v1/agents/ada')).status)
      .toBe('online');
    await expect.poll(() => page.getByLabel('Load').textContent()).toMatch(/0 of 5/);

    // A customer opens a consultation: routed to Ada, who is alerted.
    const customer = await connectCustomer('cust-lee');
    const customerReads: ReadEvent[] = [];
    customer.client.on('read', (r) => customerReads.push(r));
    const opened = await customer.client.openConsultation({
      domain: 'travel',
      group: 'travel-desk',
      subject: 'Lost luggage',
    });
    const conversationId = opened.conversationId;
    await desk.item('cust-lee').waitFor();
    await expect.poll(() => alertCount(page)).toBeGreaterThanOrEqual(1);
    expect((await notifications(page))[0]?.title).toBe('New consultation assigned');
    // The WebAudio beep played (the context was unlocked by the click on Online).
    expect(Number(await page.locator('html').getAttribute('data-beeps'))).toBeGreaterThan(0);
    expect(await desk.item('cust-lee').textContent()).toContain('New: accept it');

    // Unread and waiting time before the agent looks.
    await customer.client.send({ conversationId, type: 'text', text: 'Hello, anyone there?' });
    await expect.poll(() => desk.item('cust-lee').textContent()).toMatch(/1 unread/);
    expect(await desk.item('cust-lee').textContent()).toMatch(/Waiting \d+s/);

    // Keyboard only: the list items are buttons.
    await desk.item('cust-lee').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByRole('button', { name: 'Resolve', exact: true }).waitFor();
    await desk.log.getByText('Hello, anyone there?').waitFor();
    expect(await desk.item('cust-lee').textContent()).not.toMatch(/unread/);
    // Seen on screen, so read: the customer gets Ada's receipt.
    await expect.poll(() => customerReads.some((r) => r.userId === 'ada')).toBe(true);

    // Suggestions for the customer's message: a canned reply goes into the composer.
    await customer.client.send({ conversationId, type: 'text', text: 'Where is my refund?' });
    await desk.log.getByText('Where is my refund?').waitFor();
    const suggested = page.getByRole('region', { name: 'Suggested replies' });
    await suggested.getByRole('button', { name: /^FAQ: How do I get a refund/ }).waitFor();
    await suggested.getByRole('button', { name: 'Reply: Refund status' }).click();
    expect(await desk.composer.inputValue()).toBe('I have checked your refund: it is on its way.');
    await desk.composer.press('Enter');
    const reply = desk.log.locator('li', { hasText: 'I have checked your refund' });
    await reply.waitFor();
    await expect
      .poll(() => customer.texts())
      .toContain('I have checked your refund: it is on its way.');

    // The customer reads it: "Read" on Ada's message. The customer types: an indicator.
    const seq = Number(await reply.getAttribute('data-seq'));
    expect(await reply.locator('[data-receipt]').textContent()).toBe('Sent');
    await customer.client.markRead(conversationId, seq);
    await expect.poll(() => reply.locator('[data-receipt]').textContent()).toBe('Read');
    await customer.client.typing(conversationId, true);
    await page.getByText('cust-lee is typing…').waitFor();

    // An image, previewed in the pane and received by the customer.
    await page.getByLabel('Attach file').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: solidPng(48, [31, 95, 191]),
    });
    const preview = desk.log.getByRole('img', { name: 'receipt.png' });
    await preview.waitFor();
    // Decoded from the uploaded bytes (a blob URL), not a broken-image placeholder.
    await expect
      .poll(() =>
        preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(48);
    await expect.poll(() => customer.received.some((m) => m.type === 'image')).toBe(true);

    // An internal note: marked as such for staff, never delivered to the customer.
    await page.getByRole('checkbox', { name: 'Internal note' }).check();
    await desk.send('Note: VIP, refund approved by finance');
    const note = desk.log.locator('li', { hasText: 'VIP, refund approved' });
    expect(await note.getAttribute('class')).toContain('internal');
    expect(await note.textContent()).toContain('internal note');
    await page.getByRole('checkbox', { name: 'Internal note' }).uncheck();
    await desk.send('Anything else I can do?');
    await expect.poll(() => customer.texts()).toContain('Anything else I can do?');
    expect(customer.texts().join('|')).not.toContain('VIP');
    await screenshot(page, 'agent-desktop');

    // Resolve: the customer is told, the pane becomes read-only.
    const resolved = new Promise((resolve) =>
      customer.client.on('consultation', (u) => u.state === 'resolved' && resolve(u)),
    );
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await resolved;
    await expect.poll(() => desk.item('cust-lee').textContent()).toMatch(/Resolved/);
    expect(await desk.composer.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
