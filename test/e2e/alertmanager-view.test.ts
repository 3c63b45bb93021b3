import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../../main/adapters/alertmanager';
import { startRealAlertmanager, type RealAlertmanager } from '../integration/live/real-alertmanager';
import { launchChromium, screenshot, startBrowserMode, until } from './harness';

const configDir = mkdtempSync(join(tmpdir(), 'vigie-e2e-config-'));
process.env.VIGIE_CONFIG_DIR = configDir;

let am: RealAlertmanager;
let server: Awaited<ReturnType<typeof startBrowserMode>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  am = await startRealAlertmanager();
  const now = Date.now();
  const r = await new AlertmanagerClient({ url: am.url }).postAlerts([
    { labels: { alertname: 'Error_total', severity: 'critical' }, annotations: { summary: 'Instance a is invaded by custom errors!' }, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString(), generatorURL: 'http://vigie/graph' },
  ]);
  expect(r.ok).toBe(true);
  writeFileSync(join(configDir, 'connections.json'), JSON.stringify({ version: 1, connections: [{ id: 'am1', kind: 'alertmanager', name: 'test alertmanager', url: am.url }] }));
  server = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await am?.stop();
  rmSync(configDir, { recursive: true, force: true });
});

describe('Alertmanager beside the rules', () => {
  it('shows the alerts a connected Alertmanager holds', async () => {
    await page.getByTestId('nav-alerts').click();
    const alert = page.getByTestId('alertmanager-view').getByTestId('am-alert');
    await until(async () => (await alert.count()) === 1, 20_000, 'the Alertmanager alert');
    expect(await alert.getAttribute('data-state')).toBe('active');
    expect(await alert.textContent()).toContain('Error_total');
    expect(await alert.textContent()).toContain('Instance a is invaded by custom errors!');
    await screenshot(page, '44-alertmanager-view');
  });

  it('offers the connected Alertmanager as where live alerts are sent', async () => {
    const target = page.getByTestId('live-panel').getByTestId('live-alertmanager');
    await until(async () => (await target.count()) === 1, 10_000, 'the Alertmanager target');
    const options = await target.locator('option').allTextContents();
    expect(options).toEqual(['no Alertmanager', `test alertmanager (${am.url})`]);
  });
});
