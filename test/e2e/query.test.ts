import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loghub, openLoghubInExplore, screenshot, until } from './harness';

const opensshLines = readFileSync(join(loghub, 'OpenSSH', 'OpenSSH_2k.log'), 'utf8').split(/\r?\n/).filter(Boolean);
/** The same extraction in JS, to know what Loki would return for the query below. */
const rootFailures = opensshLines.filter((l) => l.match(/Failed password for (?:invalid user )?(\S+) from (\S+)/)?.[1] === 'root');

let session: Awaited<ReturnType<typeof openLoghubInExplore>>;
let page: Page;

async function typeQuery(text: string): Promise<void> {
  const editor = page.getByTestId('query-editor');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // close a completion list, if any
}

beforeAll(async () => {
  session = await openLoghubInExplore();
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

describe('a user queries the loghub folder with LogQL in Explore', () => {
  it('runs a query with a parser and a label filter and sees the lines Loki would return', async () => {
    expect(rootFailures.length).toBeGreaterThan(10);
    await typeQuery('{job="loghub"} | regexp "Failed password for (invalid user )?(?P<user>\\\\S+) from (?P<ip>\\\\S+)" | user="root"');
    await page.keyboard.press('Control+Enter');
    const count = page.getByTestId('query-result-count');
    await expect.poll(() => count.getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(Number(await count.getAttribute('data-total'))).toBe(rootFailures.length);
    const first = page.getByTestId('result-row').first();
    expect(await first.getAttribute('data-line')).toBe(rootFailures[rootFailures.length - 1]);
    await expect.poll(() => page.getByTestId('parsed-field').filter({ hasText: 'user' }).count()).toBeGreaterThan(0);
    await screenshot(page, '10-query-parser-label-filter');
  });

  it('marks a broken query at the column Loki names, with Loki’s message', async () => {
    const query = '{job="loghub"} | json | level=';
    await typeQuery(query);
    const editor = page.getByTestId('query-editor');
    // Loki: "parse error at line 1, col 31: syntax error: unexpected $end" — the end of the text.
    await expect.poll(() => editor.getAttribute('data-markers'), { timeout: 10_000 }).toBe(`1:${query.length}-1:${query.length + 1}`);
    await expect.poll(() => page.locator('.squiggly-error').count()).toBeGreaterThan(0);
    await page.getByTestId('query-run').click();
    await expect.poll(() => page.getByTestId('query-error').textContent()).toContain('parse error at line 1, col 31: syntax error: unexpected $end');
    await screenshot(page, '11-query-error-marker');
  });
});
