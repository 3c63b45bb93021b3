import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, startBrowserMode, until } from './harness';

// The seed: a folder whose pipeline counts error lines, and the rule a user wrote over
// the counter. One line every 30s over 20 minutes of log time; error lines for the first ten.
const root = mkdtempSync(join(tmpdir(), 'vigie-alerts-'));
const folder = join(root, 'errlogs');
const T0 = Date.parse('2024-05-01T10:00:00Z');
const LINES = Array.from({ length: 41 }, (_, i) => {
  const ts = new Date(T0 + i * 30_000).toISOString().replace('.000Z', 'Z');
  return i < 20 && i % 2 === 0 ? `${ts} error error_message="disk full" device=/dev/sda${i}` : `${ts} info request served in ${10 + i}ms`;
});
const LAST_ERROR = T0 + 18 * 30_000;

// A regex stage and a counter (prefix left at its default: the series is promtail_custom_error_total).
// max_idle_duration is raised so the series outlives the quiet last ten minutes: the case is the
// counter trap, not Promtail expiring an idle series (which would end the alert too).
const PIPELINE = `- regex:
    expression: '.*(?P<error_message>error_message.*)'
- metrics:
    error_total:
      type: Counter
      description: total count of errors
      source: error_message
      max_idle_duration: 1h
      config:
        action: inc
`;

const SEED_RULES = `groups:
  - name: seed
    rules:
      - alert: Error_total
        expr: promtail_custom_error_total > 1
        for: 1m
        labels: {severity: critical}
        annotations: {summary: "Instance {{ $labels.instance }} is invaded by custom errors!"}
`;

let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;

/** Replaces a Monaco editor's text as one paste (no auto-indent per line). */
async function paste(testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
}

const rulesText = (): Promise<string> => page.evaluate(() => JSON.parse(window.sessionStorage.getItem('vigie.alerts.rules') ?? '""') as string);

/** Back-tests and waits for the answer; returns the Error_total timeline row's outcome and transitions. */
async function backtest(): Promise<{ outcome: string | null; states: string[]; times: number[] }> {
  await page.getByTestId('backtest-run').click();
  await expect.poll(() => page.getByTestId('backtest').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  const row = page.locator('[data-testid="alert-timeline-row"][data-rule="Error_total"]');
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  const transitions = row.getByTestId('alert-transition');
  return {
    outcome: await row.getAttribute('data-outcome'),
    states: await transitions.evaluateAll((els) => els.map((e) => e.getAttribute('data-state') ?? '')),
    times: await transitions.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-t')))),
  };
}

beforeAll(async () => {
  mkdirSync(folder);
  writeFileSync(join(folder, 'app.log'), LINES.join('\n') + '\n');
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(server.url);
  await page.getByTestId('nav-sources').click();
  await page.getByTestId('source-path-input').fill(folder);
  await page.getByTestId('source-add-button').click();
  await until(async () => (await page.getByTestId('stream-row').count()) === 1, 20_000, 'the errlogs stream');
  // The pipeline is the Pipelines page's: the Alerts page back-tests over what it derives.
  await page.getByTestId('nav-pipelines').click();
  await page.getByTestId('pipeline-stream-checkbox').first().click();
  await paste('pipeline-editor', PIPELINE);
  await until(async () => (await page.getByTestId('pipeline-metric-chart').count()) === 1, 20_000, 'the error_total chart on the Pipelines page');
  await page.getByTestId('nav-alerts').click();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a user back-tests the seed alert over the errors their pipeline counts', () => {
  it('pastes the seed rule: the lint says a counter is compared to a threshold, on the expression', async () => {
    await page.getByTestId('pipeline-stream-checkbox').first().click();
    await paste('rules-editor', SEED_RULES);
    // The starting example holds the same rule: wait for the check of the pasted text.
    await expect.poll(() => page.getByTestId('rules-problems').getAttribute('data-current'), { timeout: 20_000 }).toBe('true');
    const lint = page.locator('[data-testid="rules-lint"][data-code="counter-threshold"]');
    expect(await lint.count()).toBe(1);
    expect(await lint.textContent()).toMatch(/counter/i);
    expect(await lint.getByTestId('rules-lint-fix').isEnabled()).toBe(true);
    // The marker sits on line 5, where the expression is.
    await expect.poll(() => page.getByTestId('rules-editor').getAttribute('data-markers'), { timeout: 10_000 }).toMatch(/(^| )5:\d+:\w+:counter-threshold/);
    await expect.poll(() => page.locator('[data-testid="rules-editor"] .squiggly-warning, [data-testid="rules-editor"] .squiggly-info').count()).toBeGreaterThan(0);
    await screenshot(page, '40-alerts-seed-lint');
  });

  it('back-tests the seed rule: pending, then firing, and never resolved', async () => {
    const r = await backtest();
    expect(r.outcome).toBe('firing');
    expect(r.states).toEqual(['pending', 'firing']);
    // It fires while the errors are being counted, and stays firing past the last one.
    expect(r.times[1]!).toBeLessThan(LAST_ERROR);
    const rule = page.locator('[data-testid="backtest-rule"][data-rule="Error_total"]');
    expect(Number(await rule.getAttribute('data-samples'))).toBeGreaterThan(0);
    await expect.poll(() => rule.locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('alert-outcome').first().textContent()).toMatch(/never resolved/);
    await screenshot(page, '41-alerts-seed-backtest-never-resolves');
  });

  it('applies the lint’s fix, back-tests again and sees the alert resolve after the errors stop', async () => {
    await page.locator('[data-testid="rules-lint"][data-code="counter-threshold"]').getByTestId('rules-lint-fix').click();
    await expect.poll(rulesText, { timeout: 10_000 }).toContain('increase(promtail_custom_error_total[5m])');
    expect(await rulesText()).not.toContain('promtail_custom_error_total > 1');
    await expect.poll(() => page.locator('[data-testid="rules-lint"][data-code="counter-threshold"]').count(), { timeout: 20_000 }).toBe(0);
    // The firing result on screen is now the old rule's: the page says so until it runs again.
    expect(await page.getByTestId('backtest-stale').textContent()).toContain('rule file');
    const r = await backtest();
    expect(await page.getByTestId('backtest-stale').count()).toBe(0);
    expect(r.outcome).toBe('resolved');
    expect(r.states).toEqual(['pending', 'firing', 'resolved']);
    expect(r.times[2]!).toBeGreaterThan(LAST_ERROR);
    await screenshot(page, '42-alerts-fixed-backtest-resolves');
  });

  it('offers the same fix as a Monaco quick fix on the expression', async () => {
    await paste('rules-editor', SEED_RULES);
    await expect.poll(() => page.locator('[data-testid="rules-lint"][data-code="counter-threshold"]').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('rules-editor').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End'); // line 5, the expression
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row.action');
    await expect.poll(() => fix.count(), { timeout: 10_000 }).toBe(1);
    expect(await fix.getAttribute('aria-label')).toContain('increase(promtail_custom_error_total[5m])');
    await screenshot(page, '43-alerts-quick-fix');
    // Escape closes the menu and leaves the text; Ctrl+. opens it again, Enter applies the fix.
    await page.keyboard.press('Escape');
    await expect.poll(() => fix.count(), { timeout: 10_000 }).toBe(0);
    expect(await rulesText()).toBe(SEED_RULES);
    await page.keyboard.press('Control+.');
    await expect.poll(() => fix.count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(rulesText, { timeout: 10_000 }).toContain('increase(promtail_custom_error_total[5m])');
  });

  it('runs promtool-format unit tests against the rule file: a pass, then a failure with exit code 1', async () => {
    const tests = page.getByTestId('rule-tests-file');
    await tests.fill(`rule_files: [alerts.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'promtail_custom_error_total{instance="web-1"}'
        values: '0+1x10'
    alert_rule_test:
      - eval_time: 10m
        alertname: Error_total
        exp_alerts:
          - exp_labels: {severity: critical, instance: web-1}
            exp_annotations: {summary: "Instance web-1 is invaded by custom errors!"}
`);
    await page.getByTestId('rule-tests-run').click();
    const verdict = page.getByTestId('rule-tests-verdict');
    await expect.poll(() => verdict.getAttribute('data-exit-code'), { timeout: 30_000 }).toBe('0');
    expect(await page.getByTestId('rule-tests-output').textContent()).toContain('SUCCESS');
    await tests.fill((await tests.inputValue()).replace('instance: web-1}', 'instance: web-2}'));
    await page.getByTestId('rule-tests-run').click();
    await expect.poll(() => verdict.getAttribute('data-exit-code'), { timeout: 30_000 }).toBe('1');
    expect(await page.getByTestId('rule-tests-output').textContent()).toContain('FAILED');
    await screenshot(page, '44-alerts-unit-test-failed');
  });

  it('opens a Loki ruler file and back-tests its LogQL rule over the lines themselves', async () => {
    const file = join(root, 'loki-rules.yml');
    writeFileSync(
      file,
      `groups:
  - name: loki
    rules:
      - alert: ErrorLines
        expr: sum by (job) (count_over_time({job="errlogs"} |= "error_message" [5m])) > 0
        for: 1m
`,
    );
    await page.getByTestId('rules-file-input').setInputFiles(file);
    await expect.poll(rulesText, { timeout: 10_000 }).toContain('count_over_time');
    // The check names the group's language: LogQL, for Loki's ruler.
    await expect.poll(() => page.locator('[data-testid="rules-groups"] [data-language="logql"]').count(), { timeout: 20_000 }).toBe(1);
    // LogQL rules read the lines: no pipeline. Ctrl+Enter in the editor runs the back-test, as in Explore.
    await page.getByTestId('backtest-source-none').check();
    await page.getByTestId('rules-editor').click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('backtest').getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const row = page.locator('[data-testid="alert-timeline-row"][data-rule="ErrorLines"]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getAttribute('data-outcome')).toBe('resolved');
    const states = await row.getByTestId('alert-transition').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toEqual(['pending', 'firing', 'resolved']);
    expect(await row.textContent()).toContain('job="errlogs"');
    await screenshot(page, '45-alerts-loki-rule-backtest');
  });

  it('marks a broken expression where it breaks, and the back-test refuses the file with the same errors', async () => {
    await paste('rules-editor', `groups:
  - name: broken
    rules:
      - alert: Typo
        expr: rate(promtail_custom_error_total[5m] > 0
        for: 1m
`);
    await expect.poll(() => page.getByTestId('rules-problems').getAttribute('data-current'), { timeout: 20_000 }).toBe('true');
    const errors = page.getByTestId('rules-error');
    expect(await errors.count()).toBeGreaterThan(0);
    expect(await errors.first().textContent()).toMatch(/^5:\d+/);
    await expect.poll(() => page.getByTestId('rules-editor').getAttribute('data-markers'), { timeout: 10_000 }).toMatch(/(^| )5:\d+:error/);
    await expect.poll(() => page.locator('[data-testid="rules-editor"] .squiggly-error').count()).toBeGreaterThan(0);
    await page.getByTestId('backtest-run').click();
    await expect.poll(() => page.getByTestId('backtest').getAttribute('data-status'), { timeout: 20_000 }).toBe('invalid');
    expect(await page.getByTestId('backtest-invalid').textContent()).toMatch(/5:\d+/);
    await screenshot(page, '46-alerts-broken-expression');
  });

  it('refuses a 10-year back-test with a clear error, and cancels a long one while it runs', async () => {
    await paste('rules-editor', SEED_RULES);
    await page.getByTestId('backtest-source-pipelines').check();
    const status = () => page.getByTestId('backtest').getAttribute('data-status');
    // Ten years at the group's 1m interval: over the back-test budget, said before any work.
    await page.evaluate(() => (window.location.hash = '#/alerts?from=2014-05-01T10:00:00Z&to=2024-05-01T10:20:00Z'));
    await expect.poll(() => page.getByTestId('backtest-range').textContent(), { timeout: 10_000 }).toContain('2014-05-01');
    await page.getByTestId('backtest-run').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('failed');
    expect(await page.getByTestId('backtest-failure').textContent()).toMatch(/limit/);
    // 690 days: within the budget (about a million evaluations), long enough to cancel.
    await page.evaluate(() => (window.location.hash = '#/alerts?from=2022-06-11T10:00:00Z&to=2024-05-01T10:20:00Z'));
    await expect.poll(() => page.getByTestId('backtest-range').textContent(), { timeout: 10_000 }).toContain('2022-06-11');
    await page.getByTestId('backtest-run').click();
    // Progress streams in (a fraction, then the bar follows it) before we cancel.
    await expect.poll(() => page.getByTestId('backtest-progress').getAttribute('aria-valuenow'), { timeout: 20_000 }).toMatch(/^\d+$/);
    await screenshot(page, '47-alerts-backtest-progress');
    await page.getByTestId('backtest-cancel').click();
    expect(await status()).toBe('cancelled');
    expect(await page.getByTestId('backtest-progress').count()).toBe(0);
    await page.evaluate(() => (window.location.hash = '#/alerts'));
  });

  it('completes the rule schema’s keys in a rule', async () => {
    await paste('rules-editor', SEED_RULES);
    await page.getByTestId('rules-editor').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End'); // line 6: "        for: 1m"
    await page.keyboard.press('Enter'); // indents as the line above
    await page.keyboard.type('kee');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'keep_firing_for' });
    await expect.poll(() => suggestion.count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, '48-alerts-rule-completion');
    await page.keyboard.press('Enter');
    await page.keyboard.type('5m');
    await expect.poll(rulesText, { timeout: 10_000 }).toContain('        for: 1m\n        keep_firing_for: 5m\n');
  });
});
