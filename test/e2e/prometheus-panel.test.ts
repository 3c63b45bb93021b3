import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealPrometheus, type RealPrometheus } from '../integration/prometheus/real-prometheus';
import { openLoghubInExplore, screenshot, until } from './harness';

// The app's connections live in this folder (browser mode reads VIGIE_CONFIG_DIR), never the user's.
const configDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-config-'));
process.env.VIGIE_CONFIG_DIR = configDir;

let session: Awaited<ReturnType<typeof openLoghubInExplore>>;
let page: Page;
let prom: RealPrometheus | undefined;

beforeAll(async () => {
  session = await openLoghubInExplore();
  page = session.page;
});
afterAll(async () => {
  await session?.close();
  await prom?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

const nsToMs = (ns: string | null): number => Number(BigInt(ns ?? '0') / 1_000_000n);

describe('a Prometheus chart beside local logs, on one timeline', () => {
  it('charts a PromQL query from a real Prometheus over the time of the logs, and its cursor moves the log marker', async () => {
    await page.getByTestId('query-editor').click();
    await page.keyboard.type('{job="loghub", filename=~".*OpenSSH.*"}');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    const count = page.getByTestId('query-result-count');
    await until(async () => (await count.getAttribute('data-status')) === 'done', 30_000, 'the log query');
    const rows = page.getByTestId('result-row');
    const last = nsToMs(await rows.first().getAttribute('data-ts-ns'));

    // A real Prometheus whose data covers the logs' time (backfilled with promtool), and a connection to it.
    prom = await startRealPrometheus({ fixture: { end: last + 10 * 60_000, hours: 6 } });
    writeFileSync(join(configDir, 'connections.json'), JSON.stringify({ version: 1, connections: [{ id: 'p1', kind: 'prometheus', name: 'test prometheus', url: prom.url }] }));

    await page.getByTestId('add-prometheus-panel').click();
    const panel = page.getByTestId('prometheus-panel');
    await panel.getByTestId('promql-editor').click();
    await page.keyboard.type('sum by (code) (rate(vigie_http_requests_total[5m]))');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await until(async () => (await panel.getAttribute('data-status')) === 'done', 30_000, `the Prometheus chart (${await panel.textContent()})`);
    const chart = panel.getByTestId('metric-chart');
    expect(Number(await chart.getAttribute('data-series-count'))).toBeGreaterThan(0);

    // The chart's cursor marks the log entry nearest its time; further right, a later entry.
    const box = (await chart.locator('canvas').first().boundingBox())!;
    const marked = '[data-testid="result-row"][data-cursor="true"]';
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
    await until(async () => (await page.locator(marked).count()) === 1, 10_000, 'a marked log entry');
    const left = nsToMs(await page.locator(marked).getAttribute('data-ts-ns'));
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2);
    await until(async () => nsToMs(await page.locator(marked).getAttribute('data-ts-ns')) > left, 10_000, 'the marker to move to a later entry');
    await screenshot(page, '42-prometheus-panel-cursor');
  });

  it('underlines a broken PromQL query at its position with Prometheus\' message', async () => {
    const editor = page.getByTestId('prometheus-panel').getByTestId('promql-editor');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('sum(rate(x[5m])');
    await until(async () => ((await editor.getAttribute('data-markers')) ?? '') !== '', 10_000, 'a marker');
    expect(await editor.getAttribute('data-error')).toMatch(/unexpected|unclosed/);
  });
});
