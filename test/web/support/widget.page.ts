import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, type WebApp } from './web.app';

let unique = 0;
/** Fresh ids per test (one app per file, several tests in it). */
export const freshId = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++unique}`;

/** A routing target of its own for one test: no queue, greeting or agent shared with another. */
export const freshTarget = () => ({ domain: freshId('travel'), group: freshId('desk') });

/** A real PNG (a boarding pass-ish card) drawn by the page's own canvas. */
export async function samplePng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate<string>(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 120;
    const g = canvas.getContext('2d');
    g.fillStyle = '#1f5fbf';
    g.fillRect(0, 0, 240, 120);
    g.fillStyle = '#ffffff';
    g.font = 'bold 22px sans-serif';
    g.fillText('BOARDING PASS', 16, 48);
    g.font = '16px sans-serif';
    g.fillText('TR-4711  ·  Seat 12A', 16, 84);
    return canvas.toDataURL('image/png');
  })()`);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** Polls until `get` answers something, and answers it. */
export async function eventuallyFound<T>(get: () => T | undefined, timeout = 10_000): Promise<T> {
  await expect.poll(get, { timeout }).toBeDefined();
  return get()!;
}

/** Whether the page scrolls sideways (it must not, down to a 390 px phone). */
export const horizontalOverflow = (page: Page): Promise<boolean> =>
  page.evaluate<boolean>(
    `document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth`,
  );

/** The widget page for one customer and routing target (the embed's query string). */
export interface WidgetQuery {
  readonly domain: string;
  readonly group: string;
  /** Absent: the widget's own anonymous customer id (kept in localStorage). */
  readonly customer?: string;
}

export function widgetUrl(app: WebApp, query: WidgetQuery): string {
  const pairs = Object.entries(query).filter(
    (pair): pair is [string, string] => pair[1] !== undefined,
  );
  return `${app.url}/widget/?${new URLSearchParams(pairs)}`;
}

export async function openWidget(
  browser: Browser,
  app: WebApp,
  query: WidgetQuery,
  options: { mobile?: boolean } = {},
) {
  const opened = await openPage(browser, widgetUrl(app, query), options);
  const errors: string[] = [];
  opened.page.on('pageerror', (error) => errors.push(error.message));
  return { ...opened, errors };
}

/** Clicks "Start chat" and waits for the consultation to show; answers its id. */
export async function startChat(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Start chat' }).click();
  return consultationIdOf(page);
}

export async function consultationIdOf(page: Page): Promise<string> {
  const chat = page.locator('[data-consultation-id]');
  await chat.waitFor();
  return (await chat.getAttribute('data-consultation-id'))!;
}

/** The customer id the widget made up and remembers (no `customer` in its query). */
export const rememberedCustomer = (page: Page): Promise<string | null> =>
  page.evaluate<string | null>(`localStorage.getItem('switchboard.widget.customer')`);

export const status = (page: Page): Locator =>
  page.getByRole('status', { name: 'Consultation status' });

/** The queue position the widget shows (undefined: none shown). */
export async function shownQueuePosition(page: Page): Promise<number | undefined> {
  const position = status(page).locator('[data-queue-position]');
  if ((await position.count()) === 0) return undefined;
  return Number(await position.getAttribute('data-queue-position'));
}

export const messageLog = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });

/** Seq and text of every message in the list, in DOM order. */
export async function shownMessages(page: Page): Promise<{ seq: number; text: string }[]> {
  return messageLog(page)
    .locator('li[data-seq]')
    .evaluateAll((items) =>
      items.map((li) => ({
        seq: Number(li.getAttribute('data-seq')),
        text: li.querySelector('.text')?.textContent ?? '',
      })),
    );
}

/**
 * Presses Tab (only) until `target` has the focus, as a keyboard user would, and checks the
 * focus is visible there. Fails if it is not reached within `maxPresses`.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 30): Promise<void> {
  const focused = () => target.evaluate((el) => el === el.ownerDocument.activeElement);
  for (let presses = 0; !(await focused()); presses++) {
    if (presses >= maxPresses) throw new Error(`not reached with ${maxPresses} Tab presses`);
    await page.keyboard.press('Tab');
  }
  const outline = await target.evaluate((el) => {
    const style = el.ownerDocument.defaultView!.getComputedStyle(el);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
  expect(outline, 'focus must be visible').not.toMatch(/^none|\s0px$/);
}

/** One HTML page on `http://localhost:<port>/` (a site that embeds the widget). */
export async function serveHtml(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
