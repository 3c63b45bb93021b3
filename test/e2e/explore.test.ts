import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loghub, screenshot, startBrowserMode } from './harness';

const opensshFile = join(loghub, 'OpenSSH', 'OpenSSH_2k.log');
const opensshLines = readFileSync(opensshFile, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/**
 * Syslog lines carry no year: Vigie takes the year of the file's modification time, or the
 * year before when the first line would then be later than the file itself (as lnav does).
 */
const mtime = statSync(opensshFile).mtimeMs;
const firstIn = (y: number): number => {
  const m = opensshLines[0]!.match(/^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d)/)!;
  return Date.UTC(y, MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
};
const mtimeYear = new Date(mtime).getUTCFullYear();
const year = firstIn(mtimeYear) > mtime + 86_400_000 ? mtimeYear - 1 : mtimeYear;
const syslogTime = (line: string): number => {
  const m = line.match(/^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d)/)!;
  return Date.UTC(year, MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
};

let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;

const count = async (): Promise<number> => Number(((await page.getByTestId('log-count').textContent()) ?? '').replace(/[^\d]/g, ''));
const waitForCount = async (expected: number): Promise<void> => {
  await expect.poll(count, { timeout: 20_000 }).toBe(expected);
};
const firstRow = () => page.getByTestId('log-row').first();

beforeAll(async () => {
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a user opens the loghub folder and reads the OpenSSH stream', () => {
  it('adds the folder on the Sources page and sees its eight files as streams', async () => {
    await page.goto(server.url);
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('source-path-input').fill(loghub);
    await page.getByTestId('source-add-button').click();
    await expect.poll(() => page.getByTestId('stream-row').count(), { timeout: 20_000 }).toBe(8);
    await expect.poll(async () => (await page.getByTestId('stream-row').allTextContents()).join('\n'), { timeout: 20_000 }).toContain('2,000');
    await screenshot(page, '01-sources');
  });

  it('opens the OpenSSH stream in Explore and sees its first line with the right timestamp, oldest first', async () => {
    await page.getByTestId('nav-explore').click();
    await page.getByTestId('stream-checkbox').filter({ hasText: 'OpenSSH_2k.log' }).click();
    await waitForCount(2000);
    const direction = page.getByTestId('direction-toggle');
    if ((await direction.getAttribute('data-direction')) !== 'forward') await direction.click();
    await expect.poll(async () => firstRow().getAttribute('data-line-no'), { timeout: 10_000 }).toBe('0');
    expect(await firstRow().textContent()).toContain(opensshLines[0]!.slice(16));
    expect(Number(await firstRow().getAttribute('data-ts'))).toBe(syslogTime(opensshLines[0]!));
    await screenshot(page, '02-explore-oldest-first');
  });

  it('sees the last line first when newest first', async () => {
    await page.getByTestId('direction-toggle').click();
    await expect.poll(async () => firstRow().getAttribute('data-line-no'), { timeout: 10_000 }).toBe(String(opensshLines.length - 1));
    const last = opensshLines[opensshLines.length - 1]!;
    expect(await firstRow().textContent()).toContain(last.slice(16));
    expect(Number(await firstRow().getAttribute('data-ts'))).toBe(syslogTime(last));
    await screenshot(page, '03-explore-newest-first');
  });

  it('changes the time range and sees the list shrink to the lines inside it', async () => {
    const start = Date.UTC(year, 11, 10, 7, 0, 0);
    const end = Date.UTC(year, 11, 10, 8, 0, 0);
    const expected = opensshLines.filter((l) => syslogTime(l) >= start && syslogTime(l) <= end).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(2000);
    await page.getByTestId('time-range-picker').click();
    await page.getByTestId('time-range-start').fill(new Date(start).toISOString());
    await page.getByTestId('time-range-end').fill(new Date(end).toISOString());
    await page.getByTestId('time-range-apply').click();
    await waitForCount(expected);
    const ts = Number(await firstRow().getAttribute('data-ts'));
    expect(ts).toBeGreaterThanOrEqual(start);
    expect(ts).toBeLessThanOrEqual(end);
    await screenshot(page, '04-explore-time-range');
  });
});
