import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser } from './support/browser.suite';
import { screenshot } from './support/web.app';
import { agentSide } from './support/widget.agent';
import {
  eventuallyFound,
  freshId,
  freshTarget,
  horizontalOverflow,
  messageLog,
  openWidget,
  startChat,
  status,
  tabTo,
} from './support/widget.page';

/**
 * The whole customer journey on a phone with the keyboard only (Tab and Enter, no clicks):
 * start a chat, write, get an answer, and rate the resolved consultation; the rating is
 * recorded on the consultation. Nothing scrolls sideways at any step. And a resolved chat the
 * customer writes to again is reopened instead of rated.
 */
describeInBrowser('customer widget: the end of a chat', (suite) => {
  const noSidewaysScroll = async (page: Page) =>
    expect(await horizontalOverflow(page), 'horizontal overflow').toBe(false);

  /** The widget on a phone for a fresh customer, on a target of its own with an agent there. */
  const phoneWidgetWithAgent = async () => {
    const { app, browser } = suite;
    const { domain, group } = freshTarget();
    const agent = await agentSide(app, group);
    const query = { domain, group, customer: freshId('cust') };
    return { agent, ...(await openWidget(browser, app, query, { mobile: true })) };
  };

  it('starts, chats and rates with Tab and Enter alone; the rating is recorded', async () => {
    const { app } = suite;
    const { agent, page, context, errors } = await phoneWidgetWithAgent();
    await noSidewaysScroll(page);
    await screenshot(page, 'widget-start');

    await tabTo(page, page.getByRole('button', { name: 'Start chat' }));
    await page.keyboard.press('Enter');
    const chat = page.locator('[data-consultation-id]');
    await chat.waitFor();
    const consultationId = (await chat.getAttribute('data-consultation-id'))!;

    // The composer has the focus once the chat is there: type and press Enter.
    const message = page.getByRole('textbox', { name: 'Message' });
    await expect
      .poll(() => message.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await page.keyboard.type('My suitcase did not arrive.');
    await page.keyboard.press('Enter');
    const sent = await eventuallyFound(() =>
      agent.seen.find((m) => m.text === 'My suitcase did not arrive.'),
    );
    await agent.accept(consultationId);
    await agent.say(sent.conversationId, 'It is on the next flight; we will deliver it tonight.');
    await expect.poll(() => messageLog(page).textContent()).toContain('we will deliver it tonight');
    await noSidewaysScroll(page);

    await agent.resolve(consultationId);
    await expect
      .poll(() => status(page).getAttribute('data-state'), { timeout: 10_000 })
      .toBe('resolved');
    const rating = page.getByRole('form', { name: 'How did we do?' });
    await tabTo(page, rating.getByRole('button', { name: '5 of 5: Excellent' }));
    await page.keyboard.press('Enter');
    expect(
      await rating.getByRole('button', { name: '5 of 5: Excellent' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await tabTo(page, rating.getByRole('textbox', { name: 'Comment (optional)' }));
    await page.keyboard.type('Quick and friendly');
    await tabTo(page, rating.getByRole('button', { name: 'Send rating' }));
    await noSidewaysScroll(page);
    await screenshot(page, 'widget-rating');
    await page.keyboard.press('Enter');

    const thanks = page.getByRole('heading', { name: 'Thank you for your feedback!' });
    await thanks.waitFor();
    // Focus moves in an effect, after the heading is painted: wait for it, as above.
    await expect
      .poll(() => thanks.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await screenshot(page, 'widget-thanks');
    const recorded = await app
      .api('supervisor-1', 'supervisor')
      .call<{ state: string; rating: { score: number; comment: string } | null }>(
        'GET',
        `/v1/consultations/${consultationId}`,
      );
    expect(recorded.state).toBe('resolved');
    expect(recorded.rating).toMatchObject({ score: 5, comment: 'Quick and friendly' });

    // A new chat, still by keyboard.
    await tabTo(page, page.getByRole('button', { name: 'Start a new chat' }));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Start chat' }).waitFor();
    await noSidewaysScroll(page);
    expect(errors).toEqual([]);
    agent.client.close();
    await context.close();
  });

  it('reopens a resolved chat when the customer writes again, and takes the rating away', async () => {
    const { app } = suite;
    const { agent, page, context, errors } = await phoneWidgetWithAgent();
    const consultationId = await startChat(page);
    await agent.accept(consultationId);
    await agent.resolve(consultationId);
    const rating = page.getByRole('form', { name: 'How did we do?' });
    await rating.waitFor();
    expect(await status(page).textContent()).toContain('Write again if you still need help');

    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('Sorry, one more question.');
    await message.press('Enter');
    await expect
      .poll(() => status(page).getAttribute('data-state'), { timeout: 10_000 })
      .not.toBe('resolved');
    await expect.poll(() => rating.count()).toBe(0);
    const view = await app
      .api('supervisor-1', 'supervisor')
      .call<{ state: string; reopens: number }>('GET', `/v1/consultations/${consultationId}`);
    expect(view.reopens).toBe(1);
    expect(errors).toEqual([]);
    agent.client.close();
    await context.close();
  });
});
