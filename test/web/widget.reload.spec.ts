import { expect, it } from 'vitest';
import { describeInBrowser } from './support/browser.suite';
import { agentSide, configureAutoReplies } from './support/widget.agent';
import {
  freshId,
  freshTarget,
  messageLog,
  openWidget,
  shownMessages,
  startChat,
  widgetUrl,
} from './support/widget.page';

/**
 * A reload mid-conversation neither loses nor repeats a message: the widget comes back to its
 * consultation and shows every message once, in seq order, including those the agent sent
 * while the page was reloading or away (the SDK's cursors live in localStorage).
 */
describeInBrowser('customer widget: reload mid-conversation', (suite) => {
  it('shows every message exactly once in seq order after reloads, as the SDK sees them', async () => {
    const { app, browser } = suite;
    const { domain, group } = freshTarget();
    await configureAutoReplies(app, domain, 'Welcome! We will be right with you.');
    const agent = await agentSide(app, group);
    const query = { domain, group, customer: freshId('cust') };
    const { page, context, errors } = await openWidget(browser, app, query);
    const consultationId = await startChat(page);
    await agent.accept(consultationId);
    const { conversationId } = await app
      .api('supervisor-1', 'supervisor')
      .call<{ conversationId: string }>('GET', `/v1/consultations/${consultationId}`);
    const say = async (from: number, to: number) => {
      for (let i = from; i <= to; i++) await agent.say(conversationId, `agent ${i}`);
    };
    const shownTexts = async () => (await shownMessages(page)).map((m) => m.text);

    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('customer 1');
    await message.press('Enter');
    await say(1, 2);
    await expect.poll(shownTexts).toContain('agent 2');

    // The agent keeps writing while the page reloads...
    await Promise.all([page.reload(), say(3, 7)]);
    // ...and while the customer is on another page of the site.
    await page.goto('about:blank');
    await say(8, 10);
    await page.goto(widgetUrl(app, query));
    await message.fill('customer 2');
    await message.press('Enter');
    await say(11, 11);

    await expect.poll(shownTexts, { timeout: 10_000 }).toContain('agent 11');
    await expect.poll(shownTexts).toContain('customer 2');
    const shown = await shownMessages(page);
    const seqs = shown.map((m) => m.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(await messageLog(page).locator('li[data-seq]').count()).toBe(seqs.length);
    for (let i = 1; i <= 11; i++) {
      expect(shown.filter((m) => m.text === `agent ${i}`)).toHaveLength(1);
    }
    expect(shown.map((m) => m.text)).toContain('Welcome! We will be right with you.');

    // The same list, seq for seq and text for text, as the agent's SDK delivered it.
    await expect.poll(() => agent.seen.map((m) => m.seq), { timeout: 10_000 }).toEqual(seqs);
    expect(agent.seen.map((m) => m.text ?? '')).toEqual(shown.map((m) => m.text));
    // The SDK's own cursor, kept in localStorage across the reloads, is at the last message.
    const cursors = () =>
      page.evaluate<Record<string, number>>(
        `JSON.parse(localStorage.getItem('switchboard.cursors.${query.customer}') ?? '{}')`,
      );
    await expect.poll(async () => (await cursors())[conversationId]).toBe(seqs.at(-1));
    expect(errors).toEqual([]);
    agent.client.close();
    await context.close();
  });
});
