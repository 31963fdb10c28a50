import { deflateSync, crc32 } from 'node:zlib';
import { type MessageView, SwitchboardClient } from '@switchboard/client';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import type { BrowserSuite } from './browser.suite';
import type { WebApp } from './web.app';

/** A valid `size`×`size` PNG of one colour (RGB), made here so no binary file is checked in. */
export function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(size).fill([r, g, b]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(size).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Replaces `window.Notification` before the page loads: permission granted, and every
 * notification recorded in `window.__notifications` (headless Chromium shows none).
 */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: { title: string; body?: string }[] = [];
    (globalThis as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: unknown = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    Object.defineProperty(globalThis, 'Notification', { value: RecordedNotification });
  });
}

export const notifications = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { __notifications: { title: string }[] }).__notifications,
  );

/** How many alerts (notification + beep) the desk raised: `data-alerts` on <html>. */
export const alertCount = async (page: Page) =>
  Number((await page.locator('html').getAttribute('data-alerts')) ?? '0');

/** The agent desk of one page, driven by role and label (which proves they are labelled). */
export class AgentDesk {
  constructor(readonly page: Page) {}

  async signIn(baseUrl: string, agentId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/agent/`);
    await this.page.getByLabel('User id').fill(agentId);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Agent desktop' }).waitFor();
  }

  status(name: 'Online' | 'Away' | 'Offline'): Locator {
    return this.page.getByRole('radio', { name });
  }

  async setStatus(name: 'Online' | 'Away' | 'Offline'): Promise<void> {
    await this.status(name).check();
    await expect.poll(() => this.status(name).isChecked()).toBe(true);
  }

  get mine(): Locator {
    return this.page.getByRole('list', { name: 'My consultations' });
  }

  get queue(): Locator {
    return this.page.getByRole('list', { name: 'Waiting customers' });
  }

  /** The button of one of my consultations, by the customer's id. */
  item(customerId: string): Locator {
    return this.mine.getByRole('button', { name: new RegExp(customerId) });
  }

  get log(): Locator {
    return this.page.getByRole('log', { name: 'Messages' });
  }

  get composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  /** Texts of the messages in the pane, in their on-screen order. */
  texts(): Promise<string[]> {
    return this.log.locator('li .text').allTextContents();
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
    await this.log.getByText(text, { exact: true }).waitFor();
  }

  banner(): Locator {
    return this.page.locator('[data-connection]');
  }
}

/** A customer on their own device: the SDK in Node, signed in with a dev token. */
export interface CustomerDevice {
  readonly client: SwitchboardClient;
  /** Every message delivered to the customer, in delivery order. */
  readonly received: MessageView[];
  texts(): MessageView['text'][];
}

/**
 * Connects customers for one suite's tests (`connect(customerId)`); every client it made is
 * closed after the suite's tests, before the app stops.
 */
export function customerDevices(
  suite: BrowserSuite,
): (customerId: string) => Promise<CustomerDevice> {
  const connected: SwitchboardClient[] = [];
  afterAll(() => connected.forEach((client) => client.close()));
  return async (customerId) => {
    const { app } = suite;
    const token = await SwitchboardClient.devToken(app.url, customerId, 'customer');
    const client = new SwitchboardClient({ url: app.url, token, device: 'web' });
    connected.push(client);
    const received: MessageView[] = [];
    client.on('message', (m) => received.push(m));
    await client.connect();
    return { client, received, texts: () => received.map((m) => m.text) };
  };
}

/** Seeds a domain's canned reply and FAQ entry (as a supervisor). */
export async function seedReplies(app: WebApp, domain: string): Promise<void> {
  const api = app.api('supervisor-seed', 'supervisor');
  await api.call('POST', `/v1/canned-replies/${domain}`, {
    title: 'Refund status',
    text: 'I have checked your refund: it is on its way.',
    tags: ['refund'],
  });
  await api.call('POST', `/v1/faq/${domain}/entries`, {
    question: 'How do I get a refund?',
    answer: 'Open My trips and choose Refund.',
    keywords: ['refund'],
  });
}
