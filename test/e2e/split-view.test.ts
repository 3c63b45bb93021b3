import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLoghubInExplore, screenshot, until } from './harness';

let session: Awaited<ReturnType<typeof openLoghubInExplore>>;
let page: Page;

beforeAll(async () => {
  session = await openLoghubInExplore();
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

async function runIn(pane: string, query: string): Promise<void> {
  await page.getByTestId(pane).getByTestId('query-editor').click();
  await page.keyboard.type(query);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Enter');
  const count = page.getByTestId(pane).getByTestId('query-result-count');
  await until(async () => (await count.count()) > 0 && (await count.getAttribute('data-status')) === 'done', 30_000, `the query in ${pane}`);
}

describe('split view: two queries side by side on one timeline', () => {
  it('runs a query in each pane, keeps both in the URL, and a chart in one marks the lines of the other', async () => {
    await runIn('explore-pane-main', '{job="loghub"} |= "error"');
    await page.getByTestId('explore-split-open').click();
    await runIn('explore-pane-right', '{job="loghub"} |= "warn"');
    const lines = async (pane: string): Promise<string[]> => page.getByTestId(pane).getByTestId('result-row').evaluateAll((rows) => rows.slice(0, 10).map((r) => r.getAttribute('data-line') ?? ''));
    for (const l of await lines('explore-pane-main')) expect(l).toContain('error');
    for (const l of await lines('explore-pane-right')) expect(l).toContain('warn');
    const params = (): URLSearchParams => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
    expect(params().get('query')).toBe('{job="loghub"} |= "error"');
    expect(params().get('split')).toBe('{job="loghub"} |= "warn"');

    // The right pane's volume chart moves the marker in the left pane's list (one cursor).
    const volume = page.getByTestId('explore-pane-right').getByTestId('volume-chart');
    await until(async () => (await volume.getAttribute('data-status')) === 'done', 30_000, 'the right volume chart');
    const box = (await volume.locator('canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await until(async () => (await page.getByTestId('explore-pane-main').locator('[data-cursor="true"]').count()) === 1, 10_000, 'a marker in the left pane');
    await screenshot(page, '43-split-view');

    // Reload: both panes come back with their queries.
    await page.reload();
    await until(async () => (await page.getByTestId('explore-pane-right').count()) === 1, 20_000, 'the right pane after reload');
    await page.getByTestId('explore-split-close').click();
    await until(async () => (await page.getByTestId('explore-pane-right').count()) === 0, 10_000, 'the split to close');
    expect(params().has('split')).toBe(false);
    expect(params().get('query')).toBe('{job="loghub"} |= "error"');
  });
});
