import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient } from '../../../main/adapters/alertmanager';
import { alertmanagerHandlers } from '../../../main/services/remote/alertmanager-queries';
import { startRealAlertmanager, type RealAlertmanager } from './real-alertmanager';

let am: RealAlertmanager;
let handlers: ReturnType<typeof alertmanagerHandlers>;
const ctx = { signal: new AbortController().signal };

beforeAll(async () => {
  am = await startRealAlertmanager();
  handlers = alertmanagerHandlers(async () => ({ url: am.url }));
  const client = new AlertmanagerClient({ url: am.url });
  const now = Date.now();
  const posted = await client.postAlerts([
    { labels: { alertname: 'Error_total', severity: 'critical', instance: 'a' }, annotations: { summary: 'Instance a is invaded' }, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3600_000).toISOString(), generatorURL: 'http://vigie/graph' },
  ]);
  expect(posted.ok).toBe(true);
  const silenced = await client.createSilence({ matchers: [{ name: 'instance', value: 'b', isRegex: false, isEqual: true }], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3600_000).toISOString(), createdBy: 'test', comment: 'maintenance' });
  expect(silenced.ok).toBe(true);
});
afterAll(async () => {
  await am?.stop();
});

describe('an Alertmanager connection\'s alerts and silences (real Alertmanager)', () => {
  it('lists the alert that was posted, with its labels, annotations and state', async () => {
    const { alerts } = await handlers['alertmanager.alerts']({ connectionId: 'am' }, ctx);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ labels: { alertname: 'Error_total', instance: 'a' }, annotations: { summary: 'Instance a is invaded' }, state: 'active', generatorURL: 'http://vigie/graph' });
  });
  it('lists the silence with its matchers', async () => {
    const { silences } = await handlers['alertmanager.silences']({ connectionId: 'am' }, ctx);
    expect(silences).toHaveLength(1);
    expect(silences[0]).toMatchObject({ matchers: [{ name: 'instance', value: 'b', isRegex: false, isEqual: true }], createdBy: 'test', comment: 'maintenance', state: 'active' });
  });
  it('says in words when nothing listens at the URL', async () => {
    const dead = alertmanagerHandlers(async () => ({ url: 'http://127.0.0.1:1', timeoutMs: 2000 }));
    await expect(dead['alertmanager.alerts']({ connectionId: 'x' }, ctx)).rejects.toThrow(/127\.0\.0\.1:1/);
  });
});
