import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertmanagerClient, AlertmanagerSender } from '../../../main/adapters/alertmanager';
import type { RuleGroupSpec, Vector } from '../../../main/engines/alerting/types';
import { LiveGroup } from '../../../main/engines/live/live-group';
import { freePort } from '../prometheus/real-prometheus';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { COUNTING_PIPELINE, liveService, startInput, until } from './live-kit';
import { startRealAlertmanager, type RealAlertmanager } from './real-alertmanager';

let am: RealAlertmanager;
/** What Alertmanager notified the webhook receiver of: one entry per alert per notification. */
const notified: { status: string; labels: Record<string, string>; startsAt: string; endsAt: string }[] = [];
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    for (const a of (JSON.parse(body) as { alerts: typeof notified }).alerts) notified.push(a);
    res.end();
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  am = await startRealAlertmanager({ webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` });
}, 90_000);
afterAll(async () => {
  await am?.stop();
  hook.close();
});

const spec: RuleGroupSpec = {
  name: 'errors', intervalMs: 15_000, limit: 0,
  rules: [{ kind: 'alerting', alert: 'Error_total', expr: 'promtail_custom_error_total > 1', forMs: 30_000, keepFiringForMs: 0, labels: { severity: 'critical' }, annotations: { summary: 'Instance {{ $labels.instance }} is invaded by custom errors!' } }],
};

describe('a real Alertmanager', () => {
  it('answers status, and reports a connection refused in words', async () => {
    const status = await new AlertmanagerClient({ url: am.url }).status();
    expect(status.ok && status.value.versionInfo.version).toMatch(/^0\.\d+/);
    const closed = await freePort();
    const dead = await new AlertmanagerClient({ url: `http://user:s3cret-pass@127.0.0.1:${closed}` }).status();
    expect(dead).toEqual({ ok: false, error: expect.stringContaining('connection refused') });
    expect(JSON.stringify(dead)).not.toContain('s3cret-pass');
  });

  it('receives the alerts a live group sends, with labels, startsAt, then endsAt on resolve', async () => {
    const client = new AlertmanagerClient({ url: am.url });
    const sender = new AlertmanagerSender(client);
    const group = new LiveGroup(spec, { file: 'rules.yml', intervalMs: 15_000, externalLabels: { monitor: 'vigie' }, externalUrl: 'http://vigie.test' }, new Map(), null);
    const series: Vector = [{ labels: { __name__: 'promtail_custom_error_total', instance: 'web-1' }, value: 4 }];
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    let firedAt = 0;
    for (let i = 0; i <= 3; i++) {
      const out = await group.eval(t0 + i * 15_000, { query: () => series, append: () => undefined });
      if (out.toSend.length) firedAt = t0 + i * 15_000;
      sender.send(out.toSend);
    }
    await sender.idle();
    expect(sender.status()).toMatchObject({ sent: 1, errors: 0 });
    const got = await client.alerts();
    if (!got.ok) throw new Error(got.error);
    expect(got.value).toHaveLength(1);
    const a = got.value[0]!;
    expect(a.labels).toEqual({ alertname: 'Error_total', instance: 'web-1', severity: 'critical', monitor: 'vigie' });
    expect(a.annotations).toEqual({ summary: 'Instance web-1 is invaded by custom errors!' });
    expect(Date.parse(a.startsAt)).toBe(firedAt);
    expect(Date.parse(a.endsAt)).toBe(t0 + 3 * 15_000 - 15_000 + 4 * 60_000);
    expect(a.generatorURL).toBe('http://vigie.test/graph?g0.expr=promtail_custom_error_total+%3E+1&g0.tab=1');
    expect(a.status.state).toBe('active');

    // The expression stops returning the series: resolved, sent with endsAt = the evaluation time.
    const resolveAt = Math.floor(Date.now() / 1000) * 1000 - 1000;
    const out = await group.eval(resolveAt, { query: () => [], append: () => undefined });
    expect(out.events.map((e) => e.transition)).toEqual(['resolved']);
    sender.send(out.toSend);
    await sender.idle();
    const after = await client.alerts();
    if (!after.ok) throw new Error(after.error);
    // Alertmanager lists only unresolved alerts…
    expect(after.value.filter((x) => x.labels.alertname === 'Error_total')).toEqual([]);
    // … and notifies the resolution with the endsAt Vigie sent.
    const deadline = Date.now() + 20_000;
    while (!notified.some((n) => n.status === 'resolved') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const resolved = notified.find((n) => n.status === 'resolved' && n.labels.alertname === 'Error_total');
    expect(resolved).toBeDefined();
    expect(Date.parse(resolved!.endsAt)).toBe(resolveAt);
    expect(Date.parse(resolved!.startsAt)).toBe(firedAt);
    expect(notified.find((n) => n.status === 'firing' && n.labels.alertname === 'Error_total')?.labels).toEqual(a.labels);
    expect(sender.status()).toMatchObject({ sent: 2, errors: 0 });
  }, 60_000);

  it('creates a silence, lists it, and the silenced alert shows as suppressed', async () => {
    const client = new AlertmanagerClient({ url: am.url });
    const now = Date.now();
    const created = await client.createSilence({ matchers: [{ name: 'alertname', value: 'Silenced', isRegex: false, isEqual: true }], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), createdBy: 'vigie-test', comment: 'test' });
    if (!created.ok) throw new Error(created.error);
    const list = await client.silences();
    expect(list.ok && list.value.find((s) => s.id === created.value)).toMatchObject({ status: { state: 'active' }, createdBy: 'vigie-test' });
    const posted = await client.postAlerts([{ labels: { alertname: 'Silenced' }, annotations: {}, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 600_000).toISOString(), generatorURL: 'http://vigie.test/' }]);
    expect(posted).toEqual({ ok: true, value: null });
    let state = '';
    for (let i = 0; i < 50 && state !== 'suppressed'; i++) {
      const r = await client.alerts();
      state = (r.ok && r.value.find((x) => x.labels.alertname === 'Silenced')?.status.state) || '';
      if (state !== 'suppressed') await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('suppressed');
    const bad = await client.createSilence({ matchers: [], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 1000).toISOString(), createdBy: 'x', comment: '' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\/silences: 422 Unprocessable Entity — matchers in body should have at least 1 items$/);
  }, 60_000);

  it('gets what a live session sends: the seed rule fires over followed lines and arrives with external labels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-live-am-'));
    try {
      const log = join(dir, 'app.log');
      writeFileSync(log, '');
      // Alertmanager compares endsAt with its own clock: the fake clock starts at the real time.
      const clock = new FakeClock(Date.now());
      const live = liveService(clock, { s1: log }, null);
      const rules = `groups:
  - name: seed
    interval: 15s
    rules:
      - alert: Seed_error_total
        expr: promtail_custom_error_total > 1
        for: 30s
        labels: {severity: critical}
        annotations: {summary: "{{ $labels.filename }} is invaded by custom errors!"}
`;
      const r = await live.start(startInput({ rules, streamIds: ['s1'], pipeline: COUNTING_PIPELINE, externalLabels: { monitor: 'desk' }, externalUrl: 'http://desk.example:9090/', alertmanager: { url: am.url } }));
      expect(r.ok).toBe(true);
      appendFileSync(log, 'ERROR a\nERROR b\nERROR c\n');
      await until(() => live.current()!.files[0]!.linesRead === 3, 10_000, 'three lines');
      await clock.advance(75_000);
      const st = live.state();
      expect(st.running && st.alerts.map((a) => a.state)).toEqual(['firing']);
      const client = new AlertmanagerClient({ url: am.url });
      let got: Awaited<ReturnType<AlertmanagerClient['alerts']>> | null = null;
      for (let i = 0; i < 100; i++) {
        got = await client.alerts(undefined, ['alertname="Seed_error_total"']);
        if (got.ok && got.value.length) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      if (!got?.ok) throw new Error(got?.error ?? 'no answer');
      expect(got.value.map((a) => a.labels)).toEqual([{ alertname: 'Seed_error_total', severity: 'critical', filename: log, job: 'app', host: 'localhost', monitor: 'desk' }]);
      expect(got.value[0]!.annotations.summary).toBe(`${log} is invaded by custom errors!`);
      expect(got.value[0]!.generatorURL).toBe('http://desk.example:9090/graph?g0.expr=promtail_custom_error_total+%3E+1&g0.tab=1');
      const firedAt = st.running ? st.alerts[0]!.firedAtMs! : 0;
      expect(Date.parse(got.value[0]!.startsAt)).toBe(firedAt);
      const after = live.state();
      expect(after.running && after.alertmanager).toMatchObject({ url: am.url, sent: 1, errors: 0, lastError: null });
      await live.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
