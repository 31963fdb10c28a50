import { expect, it } from 'vitest';
import { describeInBrowser } from './support/browser.suite';
import { screenshot } from './support/web.app';
import { addFaqEntry, agentSide } from './support/widget.agent';
import {
  eventuallyFound,
  freshId,
  freshTarget,
  horizontalOverflow,
  messageLog,
  openWidget,
  samplePng,
  startChat,
} from './support/widget.page';

/**
 * Chatting in the widget on a phone-sized screen (390×844): the FAQ answers the first
 * question, then customer and agent (driven through the SDK) talk with typing indicators,
 * read receipts and an image upload, and nothing ever scrolls sideways.
 */
describeInBrowser('customer widget: chatting on a phone', (suite) => {
  it('answers a matching first question from the FAQ, then chats both ways with typing, read receipts and an image', async () => {
    const { app, browser } = suite;
    const { domain, group } = freshTarget();
    await addFaqEntry(app, domain, {
      question: 'How do I get a refund?',
      answer: 'Open My trips, choose the booking and press Refund.',
      keywords: ['refund', 'money back'],
    });
    const agent = await agentSide(app, group);
    const customer = freshId('cust');
    const { page, context, errors } = await openWidget(
      browser,
      app,
      { domain, group, customer },
      { mobile: true },
    );
    expect(await horizontalOverflow(page)).toBe(false);
    const consultationId = await startChat(page);
    const log = messageLog(page);

    // The first customer message matches the FAQ: the answer arrives on its own.
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('How do I get a refund?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => log.textContent(), { timeout: 10_000 })
      .toContain('Open My trips, choose the booking and press Refund.');

    // The agent takes over: typing shows in the widget, then the reply.
    await agent.accept(consultationId);
    const conversationId = (
      await app
        .api(customer, 'customer')
        .call<{ conversationId: string }>('GET', `/v1/consultations/${consultationId}`)
    ).conversationId;
    await agent.client.typing(conversationId, true);
    await expect.poll(() => page.getByText('Agent is typing…').count()).toBe(1);
    await agent.say(conversationId, 'Hi, I am looking at your booking now.');
    await agent.client.typing(conversationId, false);
    await expect.poll(() => log.textContent()).toContain('Hi, I am looking at your booking now.');
    await expect.poll(() => page.getByText('Agent is typing…').count()).toBe(0);

    // The customer types (the agent sees it) and answers; the agent reads it: "Read".
    await message.pressSequentially('It is booking ');
    await expect.poll(() => agent.typing.some((t) => t.userId === customer && t.typing)).toBe(true);
    await message.pressSequentially(
      'TR-4711, a very-long-reference-that-must-wrap-on-a-phone-screen',
    );
    await message.press('Enter');
    const mine = log.locator('li.mine', { hasText: 'TR-4711' });
    await expect.poll(() => mine.locator('[data-receipt]').textContent()).toBe('Sent');
    const sent = await eventuallyFound(() => agent.seen.find((m) => m.text?.includes('TR-4711')));
    await agent.client.markRead(conversationId, sent.seq);
    await expect
      .poll(() => mine.locator('[data-receipt]').getAttribute('data-receipt'))
      .toBe('read');
    expect(await mine.locator('[data-receipt]').textContent()).toBe('Read');

    // An image from the widget reaches the agent as an image message.
    await page.getByLabel('Attach file').setInputFiles({
      name: 'boarding-pass.png',
      mimeType: 'image/png',
      buffer: await samplePng(page),
    });
    const image = await eventuallyFound(() => agent.seen.find((m) => m.type === 'image'));
    expect(image.attachment).toMatchObject({ name: 'boarding-pass.png', mime: 'image/png' });
    await expect.poll(() => log.getByRole('img', { name: 'boarding-pass.png' }).count()).toBe(1);

    // Usable at phone width: no sideways scrolling, the composer on screen.
    expect(await horizontalOverflow(page)).toBe(false);
    const box = await message.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await screenshot(page, 'widget-chat');
    expect(errors).toEqual([]);
    agent.client.close();
    await context.close();
  });
});
