import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFiles } from '../../main/services/connections/test-kit';
import { freePort, startRealPrometheus, type RealPrometheus } from '../integration/prometheus/real-prometheus';
import { startRealSshd, type RealSshd } from '../integration/ssh/real-sshd';
import { launchChromium, screenshot, startBrowserMode, until } from './harness';

const PASSWORD = 'e2e-Walrus-Saffron-4471';
/** bcrypt of PASSWORD for Prometheus' --web.config.file (crypt(3) $2b$). */
const PASSWORD_BCRYPT = '$2b$10$76P6QsvoSkjZDNaQp40uyuameNDyasZoTbC3Zna.ItOamwGmUZ9Wi';

let configDir: string;
let prom: RealPrometheus;
let sshd: RealSshd;
let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Browser mode keeps connections in VIGIE_CONFIG_DIR: a temp folder, inspected below.
  configDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-config-'));
  process.env.VIGIE_CONFIG_DIR = configDir;
  prom = await startRealPrometheus({ webConfig: `basic_auth_users:\n  grafana: ${PASSWORD_BCRYPT}\n`, probe: { headers: { authorization: `Basic ${Buffer.from(`grafana:${PASSWORD}`).toString('base64')}` } } });
  sshd = await startRealSshd({});
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await page.getByTestId('nav-connections').click();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await prom?.stop();
  await sshd?.stop();
  delete process.env.VIGIE_CONFIG_DIR;
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const card = (name: string) => page.getByTestId('connection-card').filter({ has: page.getByTestId('connection-card-name').getByText(name, { exact: true }) });
async function checksOf(name: string): Promise<{ name: string; status: string; message: string }[]> {
  const result = card(name).getByTestId('connection-test-result');
  await until(async () => (await result.count()) > 0, 30_000, `the test result of ${name}`);
  const rows = result.getByTestId('connection-check');
  const out = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push({ name: (await row.getAttribute('data-name'))!, status: (await row.getAttribute('data-status'))!, message: await row.getByTestId('connection-check-message').innerText() });
  }
  return out;
}

describe('a user adds a Prometheus connection and tests it', () => {
  it('says where secrets go in browser mode: a 0600 file under the config folder', async () => {
    const banner = page.getByTestId('secret-backend');
    await until(async () => (await banner.count()) > 0, 10_000, 'the secret backend banner');
    expect(await banner.getAttribute('data-kind')).toBe('file');
    expect(await banner.innerText()).toContain(join(configDir, 'connection-secrets.json'));
  });

  it('adds the real Prometheus with basic auth; the password shows only as "stored"', async () => {
    await page.getByTestId('connection-add-prometheus').click();
    await page.getByTestId('connection-name').fill('local prom');
    await page.getByTestId('connection-url').fill(prom.url);
    await page.getByTestId('connection-auth').selectOption('basic');
    await page.getByTestId('connection-username').fill('grafana');
    await page.getByTestId('connection-password').fill(PASSWORD);
    await page.getByTestId('connection-save').click();
    await until(async () => (await card('local prom').count()) === 1, 10_000, 'the saved connection');
    expect(await card('local prom').getByTestId('connection-secrets-stored').innerText()).toBe('stored: password');
  });

  it('the test button lists the checks in words: reachable with its version, credentials, a query', async () => {
    await card('local prom').getByTestId('connection-test').click();
    const checks = await checksOf('local prom');
    expect(checks.map((c) => [c.name, c.status])).toEqual([['reachable', 'ok'], ['authentication', 'ok'], ['query', 'ok']]);
    expect(checks[0]!.message).toMatch(new RegExp(`^Prometheus 2\\.\\d+\\.\\d+.* answers at ${prom.url.replace(/\./g, '\\.')}`));
    expect(checks[1]!.message).toBe('the server accepts user grafana');
    expect(checks[2]!.message).toBe('queries work: 1+1 = 2');
    await screenshot(page, '60-connections-test-ok');
  });

  it('a wrong URL is refused at its field, and a URL where nothing listens fails its test in words', async () => {
    await page.getByTestId('connection-add-prometheus').click();
    await page.getByTestId('connection-name').fill('typo');
    await page.getByTestId('connection-url').fill('127.0.0.1:9090');
    await page.getByTestId('connection-save').click();
    const err = page.locator('[data-testid="connection-field-error"][data-field="url"]');
    await until(async () => (await err.count()) > 0, 10_000, 'the URL error');
    expect(await err.innerText()).toBe('the URL needs its scheme: http://127.0.0.1:9090 or https://127.0.0.1:9090');
    await screenshot(page, '61-connections-url-error');

    const port = await freePort();
    await page.getByTestId('connection-url').fill(`http://127.0.0.1:${port}`);
    // "Save & test": the new card runs its test by itself.
    await page.getByTestId('connection-save-test').click();
    await until(async () => (await card('typo').count()) === 1, 10_000, 'the second connection');
    const checks = await checksOf('typo');
    expect(checks[0]).toEqual({ name: 'reachable', status: 'failed', message: `nothing listens at http://127.0.0.1:${port}/api/v1/status/buildinfo (connection refused)` });
    expect(await card('typo').getByTestId('connection-test-result').getAttribute('data-ok')).toBe('false');
  });

  it('after a reload the password is nowhere in the page, and editing shows it as stored', async () => {
    await page.reload();
    await until(async () => (await card('local prom').count()) === 1, 15_000, 'the list after reload');
    expect(await page.content()).not.toContain(PASSWORD);
    await card('local prom').getByTestId('connection-edit').click();
    expect(await page.getByTestId('connection-password').inputValue()).toBe('');
    expect(await page.getByTestId('connection-password-stored').count()).toBe(1);
    expect(await page.content()).not.toContain(PASSWORD);
    await page.getByTestId('connection-cancel').click();
  });

  it('an SSH host: its unknown host key is shown with the fingerprint ssh-keygen prints; Accept, and the next test logs in', async () => {
    const knownHosts = join(configDir, 'known_hosts');
    await page.getByTestId('connection-add-ssh').click();
    await page.getByTestId('connection-name').fill('box');
    await page.getByTestId('connection-host').fill(sshd.host);
    await page.getByTestId('connection-port').fill(String(sshd.port));
    await page.getByTestId('connection-user').fill(sshd.user);
    await page.getByTestId('connection-ssh-auth').selectOption('key');
    await page.getByTestId('connection-ssh-key').fill(sshd.clientKeyPath);
    await page.getByTestId('connection-known-hosts').fill(knownHosts);
    await page.getByTestId('connection-save').click();
    await until(async () => (await card('box').count()) === 1, 10_000, 'the SSH connection');
    await card('box').getByTestId('connection-test').click();
    const fingerprint = card('box').getByTestId('connection-hostkey-fingerprint');
    await until(async () => (await fingerprint.count()) > 0, 30_000, 'the unknown host key');
    expect(await fingerprint.innerText()).toBe(sshd.fingerprint());
    await screenshot(page, '62-connections-ssh-hostkey');
    await card('box').getByTestId('connection-hostkey-accept').click();
    await until(async () => (await card('box').getByTestId('connection-test-result').getAttribute('data-ok')) === 'true', 30_000, 'the test after accepting');
    expect((await checksOf('box')).map((c) => [c.name, c.status])).toEqual([['private key file', 'ok'], ['network', 'ok'], ['host key', 'ok'], ['authentication', 'ok'], ['SFTP', 'ok']]);
  });

  it('the password is in no file under the config folder but the 0600 secrets file', () => {
    const secrets = join(configDir, 'connection-secrets.json');
    const files = allFiles(configDir);
    // Other features keep their own state here too (live rules…): every file is searched.
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining([secrets, join(configDir, 'connections.json'), join(configDir, 'known_hosts')]));
    for (const f of files) if (f.path !== secrets) expect(f.text).not.toContain(PASSWORD);
    expect(files.find((f) => f.path === secrets)!.text).toContain(PASSWORD);
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
  });
});
