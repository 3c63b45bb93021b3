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

const rowMs = async (sel: string): Promise<number> => Number(BigInt((await page.locator(sel).first().getAttribute('data-ts-ns')) ?? '0') / 1_000_000n);

describe('one time cursor for the chart and the log list', () => {
  it('hovering the volume chart marks the entry nearest that time, later to the right', async () => {
    await page.getByTestId('query-editor').click();
    await page.keyboard.type('{job="loghub"} |= "error"');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    const count = page.getByTestId('query-result-count');
    await until(async () => (await count.getAttribute('data-status')) === 'done', 30_000, 'the log query');
    const volume = page.getByTestId('volume-chart');
    await until(async () => (await volume.getAttribute('data-status')) === 'done', 30_000, 'the volume chart');
    const box = (await volume.locator('canvas').first().boundingBox())!;
    const marked = '[data-testid="result-row"][data-cursor="true"]';
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await until(async () => (await page.locator(marked).count()) === 1, 10_000, 'a marked entry');
    const left = await rowMs(marked);
    await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
    await until(async () => (await rowMs(marked)) !== left, 10_000, 'the mark to move');
    expect(await rowMs(marked)).toBeGreaterThan(left);
    await screenshot(page, '40-cursor-from-chart');
  });

  it('hovering an entry draws the cursor on the chart at its time, further left for an earlier entry', async () => {
    const line = page.getByTestId('volume-chart').getByTestId('chart-cursor');
    const rows = page.getByTestId('result-row');
    const n = await rows.count();
    expect(n).toBeGreaterThan(2);
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(Number(BigInt((await rows.nth(i).getAttribute('data-ts-ns')) ?? '0') / 1_000_000n));
    // Newest first: the first row is the latest; the earliest row on screen is far enough back to move the line.
    const earliest = times.indexOf(Math.min(...times));
    expect(times[earliest]).toBeLessThan(times[0]! - 86_400_000);
    const x = (): Promise<number> => line.evaluate((el) => (getComputedStyle(el).display === 'block' ? parseFloat((el as HTMLElement).style.left) : NaN));
    await rows.first().hover();
    await until(async () => Number.isFinite(await x()), 10_000, 'the chart cursor');
    const latestX = await x();
    await rows.nth(earliest).hover();
    await until(async () => (await x()) < latestX, 10_000, 'the cursor to move left');
    await screenshot(page, '41-cursor-from-list');
  });
});
