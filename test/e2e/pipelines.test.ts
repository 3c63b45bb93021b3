import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_CONFIG } from '../../main/engines/pipeline-config/test-fixtures';
import { launchChromium, screenshot, startBrowserMode, until } from './harness';

// The folder is named varlogs, so its stream has job="varlogs" and the match stage selects it.
const root = mkdtempSync(join(tmpdir(), 'vigie-pipelines-'));
const folder = join(root, 'varlogs');
const LINES = [
  '2024-05-01T10:00:00Z info service started',
  '2024-05-01T10:00:05Z error error_message="disk full" device=/dev/sda1',
  '2024-05-01T10:00:20Z info request served in 12ms',
  '2024-05-01T10:00:40Z error error_message="connection refused" peer=10.0.0.7',
  '2024-05-01T10:01:10Z warn slow request 900ms',
  '2024-05-01T10:01:30Z error error_message="disk full" device=/dev/sdb1',
];
const errorLines = LINES.filter((l) => l.includes('error_message')).length;

let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(folder);
  writeFileSync(join(folder, 'app.log'), LINES.join('\n') + '\n');
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(server.url);
  await page.getByTestId('nav-sources').click();
  await page.getByTestId('source-path-input').fill(folder);
  await page.getByTestId('source-add-button').click();
  await until(async () => (await page.getByTestId('stream-row').count()) === 1, 20_000, 'the varlogs stream');
  await page.getByTestId('nav-pipelines').click();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a user writes a Promtail pipeline and runs it on their lines', () => {
  it('pastes a config, picks an error line and sees each stage, the regex capture and the counter', async () => {
    await page.getByTestId('pipeline-stream-checkbox').first().click();
    const editor = page.getByTestId('pipeline-editor');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // One insert, as a paste: the YAML lands exactly as written (no auto-indent per line).
    await page.keyboard.insertText(ISSUE_CONFIG);
    await page.keyboard.press('Escape');

    const rows = page.getByTestId('pipeline-input-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(LINES.length);
    await expect.poll(() => page.getByTestId('pipeline-status').getAttribute('data-busy'), { timeout: 20_000 }).toBe('false');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-dropped')))).toEqual(LINES.map(() => 'false'));

    await rows.filter({ hasText: 'connection refused' }).click();
    const stages = page.getByTestId('pipeline-trace-stage');
    await expect.poll(() => stages.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    const names = await stages.evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(names).toEqual(expect.arrayContaining(['match', 'regex', 'metrics']));
    const regexRow = stages.and(page.locator('[data-stage="regex"]'));
    await expect.poll(() => regexRow.textContent()).toContain('error_message=error_message="connection refused" peer=10.0.0.7');

    const chart = page.getByTestId('pipeline-metric-chart').filter({ has: page.locator('canvas') });
    await expect.poll(() => chart.count(), { timeout: 20_000 }).toBe(1);
    expect(await chart.getAttribute('data-name')).toContain('error_total');
    expect(Number(await chart.getAttribute('data-series-count'))).toBeGreaterThanOrEqual(1);
    await page.locator('.pipeline-exposition summary').click();
    await expect.poll(() => page.getByTestId('pipeline-exposition').textContent()).toMatch(new RegExp(`error_total\\{[^}]*\\} ${errorLines}\\b`));
    await screenshot(page, '30-pipeline-trace');
  });

  it('exports the pipeline as an Alloy loki.process block', async () => {
    await page.getByTestId('pipeline-export-alloy').click();
    await expect.poll(() => page.getByTestId('pipeline-export-text').textContent(), { timeout: 10_000 }).toContain('loki.process');
    await screenshot(page, '31-pipeline-export-alloy');
  });

  it('marks broken YAML on its line and keeps the last good result on screen', async () => {
    const editor = page.getByTestId('pipeline-editor');
    await editor.click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End'); // line 6: "  pipeline_stages:"
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');

    await expect.poll(() => page.getByTestId('pipeline-errors').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => editor.getAttribute('data-markers'), { timeout: 10_000 }).toMatch(/^6:\d+/);
    await expect.poll(() => page.locator('.squiggly-error').count()).toBeGreaterThan(0);
    // The previous result stays: lines, trace and chart, marked as stale.
    expect(await page.getByTestId('pipeline-results').getAttribute('data-stale')).toBe('true');
    expect(await page.getByTestId('pipeline-input-row').count()).toBe(LINES.length);
    expect(await page.getByTestId('pipeline-trace-stage').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('pipeline-metric-chart').count()).toBe(1);
    await screenshot(page, '32-pipeline-broken-yaml');
  });

  it('applies the config to files: its job becomes a source whose lines Explore queries', async () => {
    // Its own folder of 3 lines; the first case's source (also job="varlogs") goes away first.
    const applied = join(root, 'applied');
    mkdirSync(applied);
    const lines = ['2024-05-02T08:00:00Z info boot ok', '2024-05-02T08:00:05Z error error_message="disk full"', '2024-05-02T08:00:09Z error error_message="timeout"'];
    writeFileSync(join(applied, 'app.log'), lines.join('\n') + '\n');
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('source-remove').click();
    await page.getByTestId('source-remove-confirm').click();
    await until(async () => (await page.getByTestId('stream-row').count()) === 0, 20_000, 'the first source removed');
    await page.getByTestId('nav-pipelines').click();

    const apply = page.getByTestId('pipeline-apply');
    const editor = page.getByTestId('pipeline-editor');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('- regex:\n    expression: "(?P<x>.*)"\n');
    await page.keyboard.press('Escape');
    await expect.poll(() => apply.isDisabled(), { timeout: 10_000 }).toBe(true); // stages only: nothing to apply
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(ISSUE_CONFIG.replace('/var/log/*log', `${applied}/*.log`));
    await page.keyboard.press('Escape');
    await expect.poll(() => apply.isEnabled(), { timeout: 10_000 }).toBe(true);
    await apply.click();

    const added = page.getByTestId('pipeline-applied-source');
    await expect.poll(() => added.count(), { timeout: 20_000 }).toBe(1);
    expect(await added.textContent()).toContain('job=varlogs');
    await screenshot(page, '33-pipeline-applied');
    await page.getByTestId('pipeline-open-explore').click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(window.location.hash)), { timeout: 10_000 }).toContain('#/explore?query={job="varlogs"}');

    const query = page.getByTestId('query-editor');
    await query.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{job="varlogs"} |= "error_message"');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    const count = page.getByTestId('query-result-count');
    await expect.poll(() => count.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(Number(await count.getAttribute('data-total'))).toBe(lines.filter((l) => l.includes('error_message')).length);
    await screenshot(page, '34-pipeline-applied-explore');
  });
});
