/**
 * Explore on a Loki connection, against Loki's recorded answers (the replay server answers only
 * the requests the recordings hold, so each step sends exactly one of them): pick the
 * connection, browse its labels, run a recorded log query and see Loki's lines, a recorded
 * metric query and see its chart, and see Loki's own words when it refuses a query.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../integration/loki/replay-server';
import { launchChromium, loghub, screenshot, startBrowserMode, until } from './harness';

// The recorded data: 2026-11-20 00:00:00Z .. 00:05:00Z.
const START = Date.UTC(2026, 10, 20, 0, 0, 0);
const END = Date.UTC(2026, 10, 20, 0, 5, 0);

const configDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-config-'));
process.env.VIGIE_CONFIG_DIR = configDir;

let replay: ReplayServer;
let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  replay = await startReplayServer();
  // Two connections to the same Loki: with the fixtures' tenant, and without any (Loki answers 401).
  writeFileSync(
    join(configDir, 'connections.json'),
    JSON.stringify({
      version: 1,
      connections: [
        { id: 'l1', kind: 'loki', name: 'fixtures', url: replay.url, tenant: 'loki-api-fixtures' },
        { id: 'l2', kind: 'loki', name: 'no tenant', url: replay.url },
      ],
    }),
  );
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // A page that throws fails the test that caused it, with its message.
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}#/explore?from=${START}&to=${END}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await replay?.close();
  rmSync(configDir, { recursive: true, force: true });
});

const recorded = (file: string): { result: Array<{ values: Array<[string, string]>; metric?: unknown }> } => JSON.parse(replay.recorded.get(file)!.body.toString()).data;
const matched = (file: string): number => replay.seen.filter((s) => s.matched === file).length;

async function typeQuery(text: string): Promise<void> {
  await page.getByTestId('query-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape');
}

async function setLineLimit(n: number): Promise<void> {
  await page.getByTestId('query-line-limit').fill(String(n));
  await page.getByTestId('query-line-limit').press('Enter');
}

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('a Loki connection as a source in Explore', () => {
  it('is picked in the query bar and its label browser lists Loki’s labels and values', async () => {
    const picker = page.getByTestId('datasource-picker');
    await until(async () => (await picker.locator('option').count()) === 3, 20_000, 'the Loki connections in the picker');
    await picker.selectOption({ label: 'Loki: fixtures' });
    const names = page.getByTestId('label-name');
    await until(async () => (await names.count()) === 4, 20_000, 'the label names of labels.txt');
    expect(await names.allTextContents()).toEqual(['env', 'filename', 'host', 'job']);
    await names.filter({ hasText: 'job' }).click();
    await until(async () => (await page.getByTestId('label-value').count()) === 3, 20_000, 'the values of job');
    expect(await page.getByTestId('label-values').textContent()).toBe('apacheapifixture');
    expect(matched('labels.txt')).toBeGreaterThan(0);
    expect(matched('label-values.txt')).toBeGreaterThan(0);
    await screenshot(page, '60-loki-label-browser');
  });

  it('completes label values from Loki in the editor', async () => {
    await page.getByTestId('query-editor').click();
    await page.keyboard.type('{job=');
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await until(async () => (await rows.count()) >= 3, 10_000, 'suggestions');
    const texts = await rows.allTextContents();
    for (const v of ['apache', 'api', 'fixture']) expect(texts.some((t) => t.includes(v))).toBe(true);
    await screenshot(page, '60-loki-completion');
    await page.keyboard.press('Escape');
    // With `job="api"` typed, the host values are those of the api streams (Loki asked with query={job="api"}).
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{job="api", host=');
    await until(async () => matched('label-values-with-query.txt') > 0, 10_000, 'the scoped label values');
    await page.keyboard.press('Control+Space');
    // Each row reads "VALUE" then its detail "host value".
    const hosts = async (): Promise<string> => (await rows.allTextContents()).map((t) => t.replace(/host value$/, '')).join(',');
    await until(async () => (await hosts()) === 'app1,app2,app3', 10_000, `the hosts of api (${await hosts()})`);
    await page.keyboard.press('Escape');
  });

  it('runs a recorded log query and lists the lines Loki sent, oldest first', async () => {
    await setLineLimit(3);
    await page.getByTestId('query-direction').selectOption('forward');
    await typeQuery('{job="api", host="app1"} | json level');
    await page.keyboard.press('Control+Enter');
    const count = page.getByTestId('query-result-count');
    await until(async () => (await count.getAttribute('data-status')) === 'done', 30_000, 'the Loki log query');
    const want = recorded('query_range-streams-forward.txt').result.flatMap((s) => s.values).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(want.length).toBe(3);
    const rows = page.getByTestId('result-row');
    expect(await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-ts-ns'), e.getAttribute('data-line')]))).toEqual(want);
    expect(matched('query_range-streams-forward.txt')).toBe(1);
    await screenshot(page, '61-loki-log-query');
  });

  it('runs a recorded metric query and charts Loki’s matrix', async () => {
    await setLineLimit(100);
    await typeQuery('sum by (host) (rate({job="apache"}[1m]))');
    await until(async () => (await page.getByTestId('query-step').count()) === 1, 10_000, 'the metric query options');
    await page.getByTestId('query-step').fill('60');
    await page.getByTestId('query-step').press('Enter');
    await page.getByTestId('query-run').click();
    const results = page.getByTestId('metric-results');
    await until(async () => (await results.getAttribute('data-status')) === 'done' && (await page.getByTestId('metric-chart').count()) === 1, 30_000, 'the Loki metric chart');
    const series = recorded('query_range-matrix.txt').result.length;
    expect(series).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('metric-chart').getAttribute('data-series-count'))).toBe(series);
    expect(matched('query_range-matrix.txt')).toBeGreaterThan(0);
    await screenshot(page, '62-loki-metric-chart');
  });

  it('shows Loki’s parse error for a query Loki refused', async () => {
    // A log query first, so the bar shows the log options (order, limit) to set.
    await typeQuery('{job="apache"}');
    await until(async () => (await page.getByTestId('query-direction').count()) === 1, 10_000, 'the log query options');
    await page.getByTestId('query-direction').selectOption('backward');
    await setLineLimit(10);
    await typeQuery('{job="apache"');
    await page.getByTestId('query-run').click();
    await until(async () => matched('query-400-parse-error.txt') > 0, 20_000, 'Loki’s parse error answer');
    await until(async () => ((await page.getByTestId('query-error').textContent()) ?? '').includes('parse error at line 1, col 14: syntax error: unexpected $end, expecting } or ,'), 20_000, 'Loki’s message');
  });

  it('shows Loki’s 401 in words on a connection without a tenant', async () => {
    await page.getByTestId('datasource-picker').selectOption({ label: 'Loki: no tenant' });
    await typeQuery('{job="apache"}');
    await page.getByTestId('query-run').click();
    await until(async () => ((await page.getByTestId('query-error').textContent()) ?? '').includes('no org id'), 20_000, 'the no org id message');
    expect(await page.getByTestId('query-error').textContent()).toMatch(/set the tenant \(X-Scope-OrgID\) of this connection/);
    expect(matched('query-401-no-org-id.txt')).toBeGreaterThan(0);
    await screenshot(page, '63-loki-no-org-id');
  });

  it('tails a query live: Loki replays the newest lines since the range start, and Stop ends it', async () => {
    await page.getByTestId('datasource-picker').selectOption({ label: 'Loki: fixtures' });
    await setLineLimit(3);
    await typeQuery('{job="apache"}');
    await until(async () => (await page.getByTestId('live-tail-toggle').isEnabled()), 10_000, 'the Live button');
    await page.getByTestId('live-tail-toggle').click();
    const lines = page.getByTestId('tail-line');
    await until(async () => (await lines.count()) === 3, 20_000, 'the replayed lines');
    const frames = replay.recorded.get('tail-start-old.txt')!.frames.filter((f) => f.kind === 'text');
    const want = frames.flatMap((f) => (f.kind === 'text' ? (JSON.parse(f.text) as { streams: Array<{ values: Array<[string, string]> }> }).streams.flatMap((s) => s.values.map((v) => v[1])) : []));
    expect(await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(want);
    expect(matched('tail-start-old.txt')).toBe(1);
    await screenshot(page, '64-loki-live-tail');
    const tail = page.getByTestId('live-tail');
    await page.getByTestId('tail-pause').click();
    await until(async () => (await tail.getAttribute('data-status')) === 'paused', 5_000, 'paused');
    await page.getByTestId('tail-pause').click();
    await until(async () => (await tail.getAttribute('data-status')) === 'live', 5_000, 'live again');
    expect(Number(await tail.getAttribute('data-count'))).toBe(3);
    await page.getByTestId('tail-stop').click();
    await until(async () => (await page.getByTestId('live-tail').count()) === 0, 10_000, 'the tail to close');
  });

  it('shows Loki’s patterns of the query’s streams in the Patterns tab', async () => {
    await page.getByTestId('query-run').click();
    await page.getByTestId('tab-patterns').click();
    const view = page.getByTestId('patterns-view');
    await until(async () => matched('patterns.txt') > 0 && /no patterns for \{job="apache"\}/.test((await view.textContent()) ?? ''), 20_000, 'Loki’s (empty) patterns answer');
    await page.getByTestId('tab-logs').click();
  });
});

describe('the entry details show its context, for local files too', () => {
  it('lists the lines around an entry of a local file in file order, lines of its second included', async () => {
    const file = readFileSync(join(loghub, 'OpenSSH', 'OpenSSH_2k.log'), 'utf8').split(/\r?\n/).filter(Boolean);
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('source-path-input').fill(join(loghub, 'OpenSSH'));
    await page.getByTestId('source-add-button').click();
    await until(async () => (await page.getByTestId('stream-row').count()) === 1, 20_000, 'the OpenSSH stream');
    await page.getByTestId('nav-explore').click();
    await page.getByTestId('datasource-picker').selectOption({ label: 'Local files' });
    await page.evaluate(() => void (window.location.hash = '#/explore'));
    await typeQuery('{job="OpenSSH"}');
    await page.getByTestId('query-limit').selectOption('100');
    await page.getByTestId('query-direction').selectOption('forward');
    await page.getByTestId('query-run').click();
    const count = page.getByTestId('query-result-count');
    await until(async () => (await count.getAttribute('data-status')) === 'done', 30_000, 'the local query');
    const rows = page.getByTestId('result-row');
    expect(await rows.evaluateAll((els) => els.slice(0, 25).map((e) => e.getAttribute('data-line')))).toEqual(file.slice(0, 25));
    // File line 17: the third of five lines logged in the same second (07:08:28).
    await rows.nth(16).click();
    await page.getByTestId('context-size').selectOption('5');
    const lines = page.getByTestId('log-context').getByTestId('context-line');
    await until(async () => (await lines.count()) === 10, 20_000, 'ten context lines');
    expect(await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual([...file.slice(11, 16), ...file.slice(17, 22)]);
    expect(await page.getByTestId('context-entry').getAttribute('data-line')).toBe(file[16]);
    await screenshot(page, '65-local-log-context');
  });
});
