import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loghub, openLoghubInExplore, screenshot, until } from './harness';

/** Files with at least one line containing "error": one series each in the query below. */
const filesWithErrors = readdirSync(loghub, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .filter((d) => readFileSync(join(loghub, d.name, `${d.name}_2k.log`), 'utf8').includes('error'));

let session: Awaited<ReturnType<typeof openLoghubInExplore>>;
let page: Page;

beforeAll(async () => {
  session = await openLoghubInExplore();
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

describe('a user charts a LogQL metric query over the loghub folder', () => {
  it('draws one series per file that has error lines', async () => {
    expect(filesWithErrors.length).toBe(4);
    await page.getByTestId('query-editor').click();
    // Windows longer than the default step (all time / 250), so every line is in one.
    await page.keyboard.type('sum by (filename) (count_over_time({job="loghub"} |= "error" [60d]))');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    const chart = page.getByTestId('metric-chart');
    await until(async () => (await chart.count()) > 0 && (await chart.getAttribute('data-series-count')) !== null, 30_000, 'the chart');
    expect(Number(await chart.getAttribute('data-series-count'))).toBe(filesWithErrors.length);
    expect(await page.getByTestId('metric-table-row').count()).toBe(filesWithErrors.length);
    await screenshot(page, '20-metric-chart');
  });

  it('lists the lines behind a step: every one matches the query and lies in that step', async () => {
    await page.getByTestId('metric-drill-peak').first().click();
    const drill = page.getByTestId('drill-lines');
    await until(async () => (await drill.count()) > 0, 10_000, 'the drill panel');
    const start = Number(await drill.getAttribute('data-start'));
    const end = Number(await drill.getAttribute('data-end'));
    expect(end).toBeGreaterThan(start);
    const count = drill.getByTestId('query-result-count');
    await until(async () => (await count.getAttribute('data-status')) === 'done', 30_000, 'the drilled lines');
    expect(Number(await count.getAttribute('data-total'))).toBeGreaterThan(0);
    const rows = drill.getByTestId('result-row');
    for (let i = 0; i < Math.min(20, await rows.count()); i++) {
      expect(await rows.nth(i).getAttribute('data-line')).toContain('error');
      const ms = Number(BigInt(await rows.nth(i).getAttribute('data-ts-ns') ?? '0') / 1_000_000n);
      expect(ms).toBeGreaterThanOrEqual(start);
      expect(ms).toBeLessThan(end);
    }
    await screenshot(page, '21-metric-drill');
  });
});
