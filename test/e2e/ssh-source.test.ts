/**
 * A user adds a log folder on an SSH host (a real sshd on 127.0.0.1) on the Sources page,
 * then queries it in Explore by its host label and sees the remote lines, lines appended on
 * the host included. A host whose key is not in known_hosts is refused with its fingerprint.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealSshd, type RealSshd } from '../integration/ssh/real-sshd';
import { launchChromium, screenshot, startBrowserMode, until } from './harness';

// The app's connections live in this folder (browser mode reads VIGIE_CONFIG_DIR), never the user's.
const configDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-config-'));
process.env.VIGIE_CONFIG_DIR = configDir;

const REMOTE = [
  '2024-05-01T10:00:00Z level=info msg="checkout started" order=17',
  '2024-05-01T10:00:01Z level=error msg="payment failed" order=17',
  '2024-05-01T10:00:02Z level=info msg="checkout retried" order=17',
  '2024-05-01T10:00:03Z level=error msg="payment failed" order=18',
];

let sshd: RealSshd;
let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;
let logs: string;

beforeAll(async () => {
  sshd = await startRealSshd();
  logs = join(sshd.dir, 'shop-logs');
  mkdirSync(logs);
  writeFileSync(join(logs, 'shop.log'), REMOTE.join('\n') + '\n');
  const known = join(sshd.dir, 'known_hosts');
  writeFileSync(known, `${sshd.knownHostsLine()}\n`);
  const empty = join(sshd.dir, 'known_hosts.empty');
  writeFileSync(empty, '');
  const ssh = (id: string, name: string, knownHostsFile: string) => ({ id, kind: 'ssh', name, host: sshd.host, port: sshd.port, user: sshd.user, auth: { type: 'key', keyFile: sshd.clientKeyPath }, knownHostsFile });
  writeFileSync(join(configDir, 'connections.json'), JSON.stringify({ version: 1, connections: [ssh('s1', 'shop host', known), ssh('s2', 'stranger', empty)] }));
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await sshd?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

async function addSshFolder(connection: string, path: string): Promise<void> {
  await page.getByTestId('nav-sources').click();
  await page.getByTestId('source-mode-ssh').click();
  await page.getByTestId('ssh-source-connection').selectOption({ label: `${connection} (${sshd.user}@${sshd.host}:${sshd.port})` });
  await page.getByTestId('ssh-source-path-input').fill(path);
  await page.getByTestId('ssh-source-add-button').click();
}

async function runQuery(text: string): Promise<string[]> {
  const editor = page.getByTestId('query-editor');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // close a completion list, if any
  await page.keyboard.press('Control+Enter');
  const count = page.getByTestId('query-result-count');
  await until(async () => (await count.getAttribute('data-status')) === 'done', 30_000, `the query ${text}`);
  const rows = page.getByTestId('result-row');
  const lines: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) lines.push((await rows.nth(i).getAttribute('data-line')) ?? '');
  return lines;
}

describe('a log folder on an SSH host, from the Sources page to Explore', () => {
  it('adds the folder: the card shows the host and its state, the stream is labelled with the host', async () => {
    await addSshFolder('shop host', logs);
    const card = page.getByTestId('source-card');
    await until(async () => (await card.getByTestId('source-ssh-state').getAttribute('data-state').catch(() => null)) === 'ready', 20_000, 'a ready SSH source');
    expect(await card.getByTestId('source-ssh-host').textContent()).toBe(`${sshd.user}@127.0.0.1:${sshd.port}`);
    expect(await card.locator('.source-path').textContent()).toBe(logs);
    await until(async () => (await page.getByTestId('stream-row').count()) === 1, 20_000, 'one stream');
    const chips = await page.getByTestId('stream-row').locator('.labels-cell .chip').allTextContents();
    expect(chips).toEqual(['job=shop-logs', 'host=127.0.0.1']);
    await screenshot(page, '60-ssh-source-card');
  });

  it('queries the remote lines in Explore by their host label, and sees a line appended on the host', async () => {
    await page.getByTestId('nav-explore').click();
    expect(await runQuery('{host="127.0.0.1"} |= "payment failed"')).toEqual([REMOTE[3], REMOTE[1]]);
    const appended = '2024-05-01T10:00:09Z level=error msg="payment failed" order=19';
    appendFileSync(join(logs, 'shop.log'), `${appended}\n`);
    let lines: string[] = [];
    await until(async () => (lines = await runQuery('{host="127.0.0.1"} |= "payment failed"')).length === 3, 30_000, 'the appended line in the answer');
    expect(lines).toEqual([appended, REMOTE[3], REMOTE[1]]);
    await screenshot(page, '61-ssh-source-explore');
  });

  it('refuses a host whose key is unknown, naming its fingerprint and where to accept it', async () => {
    await addSshFolder('stranger', logs);
    const error = page.getByTestId('ssh-source-add-error');
    await until(async () => (await error.count()) === 1, 20_000, 'the error');
    const text = (await error.textContent()) ?? '';
    expect(text).toContain(`unknown host key (ssh-ed25519 ${sshd.fingerprint()})`);
    expect(text).toContain('open the Connections page, test "stranger" and press Accept');
    await screenshot(page, '62-ssh-source-unknown-host-key');
  });
});
