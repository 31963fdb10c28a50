import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BrowserSuite } from './browser.suite';

/** The supervisor view in a fresh desktop context, its clock in `timezoneId`. */
export async function openSupervisor(
  browser: Browser,
  url: string,
  { timezoneId = 'UTC' }: { timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    timezoneId,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/supervisor/`);
  return { context, page, errors };
}

/** Signs in through the dev sign-in form and waits for the view. */
export async function signIn(page: Page, userId: string, role = 'supervisor'): Promise<void> {
  await page.getByLabel('User id').fill(userId);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Supervisor' }).waitFor();
}

/** One signed-in supervisor view shared by a suite's tests; read it inside hooks and tests. */
export interface SupervisorSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors of the page (`pageerror`), for the tests to expect none. */
  readonly errors: string[];
}

/**
 * Opens the supervisor view in a `beforeAll` (after the ones declared before this call, so seed
 * there first) and signs `userId` in; `watch` sees the page before the sign-in. Its context is
 * closed after the suite's tests, before the browser.
 */
export function supervisorSession(
  suite: BrowserSuite,
  {
    userId,
    role = 'supervisor',
    timezoneId,
    watch,
  }: { userId: string; role?: string; timezoneId?: string; watch?: (page: Page) => void },
): SupervisorSession {
  let opened: SupervisorSession | undefined;
  beforeAll(async () => {
    opened = await openSupervisor(suite.browser, suite.app.url, { timezoneId });
    watch?.(opened.page);
    await signIn(opened.page, userId, role);
  });
  afterAll(async () => {
    await opened?.context.close();
  });
  const session = (): SupervisorSession => {
    if (opened === undefined) throw new Error('the supervisor view was not opened');
    return opened;
  };
  return {
    get context() {
      return session().context;
    },
    get page() {
      return session().page;
    },
    get errors() {
      return session().errors;
    },
  };
}

/** Goes to a section through the view's own navigation (keyboard-reachable links). */
export async function openSection(
  page: Page,
  name: 'Live overview' | 'Metrics' | 'Quality',
): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'Supervisor sections' })
    .getByRole('link', { name });
  await link.click();
  await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
}

/** The same with the keyboard only: Tab to the section's link, Enter. */
export async function openSectionByKeyboard(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click();
  for (let presses = 0; presses < 10; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.locator(':focus').textContent()) === name) {
      await page.keyboard.press('Enter');
      const nav = page.getByRole('navigation', { name: 'Supervisor sections' });
      await expect
        .poll(() => nav.getByRole('link', { name }).getAttribute('aria-current'))
        .toBe('page');
      return;
    }
  }
  throw new Error(`the ${name} link is not reachable with Tab`);
}

/** The text of every body row of a table, cell by cell (row headers included). */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map((row) => cellTexts(row)));
}

/** The trimmed text of the header and data cells of one row. */
export async function cellTexts(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allTextContents()).map((text) => text.trim());
}

/** The queue table of a routing key (`group:<g>`), named by its caption. */
export const queueTable = (page: Page, key: string): Locator =>
  page.getByRole('table', { name: new RegExp(`^Queue ${escape(key)} `) });

/** The row of an agent in the agents table (its row header is the agent id). */
export const agentRow = (page: Page, agentId: string): Locator =>
  page
    .getByRole('table', { name: 'Agents: status and load' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: agentId }) });

/** The data table that goes with a metric chart. */
export const chartTable = (page: Page, title: string): Locator =>
  page.getByRole('table', { name: `${title} by period` });

/** Waits until the metrics section has the answer to its current range. */
export async function metricsLoaded(page: Page): Promise<void> {
  const section = page.getByRole('region', { name: 'Metrics' });
  await expect.poll(() => section.getAttribute('aria-busy')).toBe('false');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
