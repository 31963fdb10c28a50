import { beforeAll, expect, it } from 'vitest';
import type { Inspection } from '../../apps/web/src/supervisor/supervisor.types';
import { describeInBrowser } from './support/browser.suite';
import { openSectionByKeyboard, supervisorSession, tableRows } from './support/supervisor.page';
import { eventually, freshId, servedAndClosed } from './support/supervisor.seed';
import { screenshot } from './support/web.app';

describeInBrowser('supervisor view: QA scorecards on closed consultations', (suite) => {
  const agentId = freshId('agent');
  const customerId = freshId('customer');
  let consultationId: string;

  beforeAll(async () => {
    const { app } = suite;
    await app.agent(agentId, { groups: [freshId('team')], capacity: 3 });
    ({ id: consultationId } = await servedAndClosed(app, { agentId, customerId, score: 5 }));
  });
  const view = supervisorSession(suite, { userId: 'qa-lead', role: 'admin' });

  it('defines a weighted template, applies it and shows the stored score with the automatic checks', async () => {
    const { page, errors } = view;
    const { app } = suite;
    const supervisor = app.api('qa-check', 'supervisor');
    // The checks follow the close asynchronously; the page must show what the API holds.
    const stored = await eventually(async () => {
      const got = await supervisor.call<Inspection>('GET', `/v1/qa/inspections/${consultationId}`);
      expect(got.automaticChecks).toHaveLength(1);
      return got.automaticChecks[0]!;
    });
    // The agent answered (servedAndClosed waits until that counted), well within the SLA.
    expect(stored).toMatchObject({ firstResponseWithinSla: true, greetingSent: false });
    expect(stored.firstResponseSeconds).toEqual(expect.any(Number));

    await openSectionByKeyboard(page, 'Quality');
    const list = page.getByRole('navigation', { name: 'Closed consultations' });
    const pick = list.getByRole('button', { name: new RegExp(customerId) });
    await pick.click();
    // Rendered after the click's state update: polled, not read once.
    await expect.poll(() => pick.getAttribute('aria-current')).toBe('true');
    expect(await pick.textContent()).toContain('rated 5');
    const article = page.getByRole('article', { name: /^Consultation / });

    const checks = article.getByRole('table', { name: /^Automatic checks at the close/ });
    await checks.waitFor();
    expect(await tableRows(checks)).toEqual([
      ['First response', `${stored.firstResponseSeconds} s`],
      [`Within the ${stored.slaSeconds} s SLA`, 'Yes'],
      ['Greeting sent', 'No'],
      ['No banned words', stored.bannedWordsAbsent === true ? 'Yes' : 'Not available'],
    ]);

    // A template that does not exist yet is defined in place, then scored against.
    const templateId = freshId('tpl');
    const scoring = article.getByRole('region', { name: 'Apply a scorecard' });
    await scoring.getByLabel('Template id').fill(templateId);
    await scoring.getByRole('button', { name: 'Load template' }).click();
    await scoring.getByText(`No template ${templateId} yet`).waitFor();
    const editor = scoring.getByRole('form', { name: `Template ${templateId}` });
    await editor.getByLabel('Template name').fill('Standard service check');
    await editor.getByRole('button', { name: 'Add criterion' }).click();
    const criteria = [
      ['greeting', 'Greets the customer', '2', '10'],
      ['accuracy', 'Accurate answer', '1', '5'],
    ];
    for (const [index, values] of criteria.entries()) {
      const row = editor.getByRole('group', { name: `Criterion ${index + 1}` });
      for (const [field, value] of ['Id', 'Label', 'Weight', 'Max points'].map(
        (label, i) => [label, values[i]!] as const,
      )) {
        await row.getByLabel(field).fill(value);
      }
    }
    await editor.getByRole('button', { name: 'Save template' }).click();

    const scores = scoring.getByRole('form', { name: 'Scores' });
    await scores.getByText('Standard service check (version 1)').waitFor();
    await scores.getByLabel('Greets the customer points (0–10, weight 2)').fill('5');
    await scores.getByLabel('Accurate answer points (0–5, weight 1)').fill('3');
    await scores.getByLabel('Note on Greets the customer').fill('no name used');
    // 100 × (2 × 5/10 + 1 × 3/5) / 3 = 53.33
    expect(await scores.locator('output').textContent()).toBe('53.33');
    await scores.getByRole('button', { name: 'Apply scorecard' }).click();

    const card = article.getByRole('table', { name: new RegExp(`^Scorecard ${templateId} `) });
    await card.waitFor();
    expect(await card.locator('caption').textContent()).toBe(
      `Scorecard ${templateId} (version 1) by qa-lead: 53.33 / 100`,
    );
    expect(await tableRows(card)).toEqual([
      ['Greets the customer', '2', '5 / 10', 'no name used'],
      ['Accurate answer', '1', '3 / 5', ''],
    ]);
    const after = await supervisor.call<Inspection>('GET', `/v1/qa/inspections/${consultationId}`);
    expect(after.scorecards).toEqual([
      expect.objectContaining({
        templateId,
        templateVersion: 1,
        inspectorId: 'qa-lead',
        total: 53.33,
      }),
    ]);
    await screenshot(page, 'supervisor-qa');

    // Applying the same template twice is refused by the server, and the page says why.
    await scores.getByRole('button', { name: 'Apply scorecard' }).click();
    await expect.poll(() => scoring.getByRole('alert').textContent()).toMatch(/already/i);
    expect(errors).toEqual([]);
  });
});
