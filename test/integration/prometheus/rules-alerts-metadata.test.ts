/**
 * Rules, alerts and metadata from a real Prometheus that evaluates a small rule file every
 * second and scrapes itself (so metadata exists). The typed answers equal the server's JSON;
 * fields that change at every evaluation (evaluationTime, lastEvaluation) are compared for
 * shape only, as two reads a moment apart cannot agree on them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient, type PrometheusClient, type PromResult } from '../../../main/adapters/prometheus/index';
import { startRealPrometheus, type RealPrometheus } from './real-prometheus';

const RULES = `groups:
  - name: vigie-test
    interval: 1s
    rules:
      - record: job:vigie_http_requests:rate5m
        expr: sum by (job) (rate(vigie_http_requests_total[5m]))
      - alert: AlwaysFiring
        expr: vector(42)
        labels:
          severity: page
        annotations:
          summary: "value is {{ $value }}"
      - alert: PendingForAnHour
        expr: vector(1)
        for: 1h
        labels:
          severity: ticket
      - alert: NeverFires
        expr: vector(1) == 2
  - name: vigie-broken
    interval: 1s
    rules:
      - record: vigie:broken
        expr: label_replace(vector(1), "dst", "$1", "src", "(")
`;

let prom: RealPrometheus;
let client: PrometheusClient;

async function raw(path: string): Promise<unknown> {
  const r = await fetch(`${prom.url}/${path}`);
  return ((await r.json()) as { data: unknown }).data;
}

/** Polls the server (never the client under test) until `ready` holds; fails with what it saw. */
async function until(path: string, ready: (data: never) => boolean): Promise<void> {
  let last: unknown;
  for (let i = 0; i < 300; i++) {
    last = await raw(path);
    if (ready(last as never)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never became ready; last answer: ${JSON.stringify(last).slice(0, 500)}`);
}

beforeAll(async () => {
  prom = await startRealPrometheus({ rules: RULES, scrapeSelf: true });
  client = createPrometheusClient({ url: prom.url });
  // Every rule evaluated at least once (the broken one has failed), the always-firing alert active, a scrape done.
  await until('api/v1/rules', (d: { groups: { rules: { health: string }[] }[] }) => d.groups.every((g) => g.rules.every((r) => r.health !== 'unknown')));
  await until('api/v1/alerts', (d: { alerts: { labels: { alertname: string }; state: string }[] }) => d.alerts.some((a) => a.labels.alertname === 'AlwaysFiring' && a.state === 'firing') && d.alerts.some((a) => a.labels.alertname === 'PendingForAnHour'));
  await until('api/v1/metadata', (d: Record<string, unknown>) => 'prometheus_build_info' in d);
});
afterAll(async () => {
  await client?.close();
  await prom?.stop();
});

function value<T>(r: PromResult<T>): T {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

/** Removes the per-evaluation fields after checking their shape. */
function stable(groups: unknown): unknown {
  return JSON.parse(JSON.stringify(groups), (key, v) => {
    if (key === 'evaluationTime') return typeof v === 'number' && v >= 0 ? '<seconds>' : v;
    if (key === 'lastEvaluation') return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? '<time>' : v;
    return v;
  });
}

describe('rules, alerts and metadata of the real server', () => {
  it('rules: every group and rule, as the server lists them', async () => {
    const mine = value(await client.rules());
    const theirs = (await raw('api/v1/rules')) as { groups: unknown };
    expect(stable(mine)).toEqual(stable(theirs.groups));
    // Prometheus lists groups by file, then name.
    expect(mine.map((g) => [g.name, g.rules.map((r) => `${r.type} ${r.name} ${r.health}`)])).toEqual([
      ['vigie-broken', ['recording vigie:broken err']],
      ['vigie-test', ['recording job:vigie_http_requests:rate5m ok', 'alerting AlwaysFiring ok', 'alerting PendingForAnHour ok', 'alerting NeverFires ok']],
    ]);
    expect(mine.every((g) => g.file.endsWith('rules.yml') && g.interval === 1)).toBe(true);
  });

  it('rules: a failing rule carries the error Prometheus reports', async () => {
    const broken = value(await client.rules()).find((g) => g.name === 'vigie-broken')!.rules[0]!;
    expect(broken.health).toBe('err');
    expect(broken.lastError).toMatch(/invalid regular expression in label_replace/);
  });

  it('rules: the alerting rules’ state, for duration and alerts', async () => {
    const rules = value(await client.rules({ type: 'alert' }));
    expect(rules.flatMap((g) => g.rules.map((r) => r.type))).toEqual(['alerting', 'alerting', 'alerting']);
    const byName = Object.fromEntries(rules.flatMap((g) => g.rules).map((r) => [r.name, r]));
    expect(byName.AlwaysFiring).toMatchObject({ state: 'firing', duration: 0, labels: { severity: 'page' } });
    expect(byName.PendingForAnHour).toMatchObject({ state: 'pending', duration: 3600 });
    expect(byName.NeverFires).toMatchObject({ state: 'inactive', alerts: [] });
  });

  it('alerts: the active alerts, equal to the server’s JSON, with their templated annotations', async () => {
    const mine = value(await client.alerts());
    expect(mine).toEqual(((await raw('api/v1/alerts')) as { alerts: unknown }).alerts);
    const firing = mine.find((a) => a.labels.alertname === 'AlwaysFiring')!;
    expect(firing).toMatchObject({ state: 'firing', annotations: { summary: 'value is 42' }, value: '4.2e+01' });
    expect(Number.isNaN(Date.parse(firing.activeAt!))).toBe(false);
    expect(mine.find((a) => a.labels.alertname === 'PendingForAnHour')!.state).toBe('pending');
  });

  it('metadata: what the scrape reported, all of it and for one metric', async () => {
    // Metadata changes only when a scrape reports new metrics: read the server between two client reads.
    const one = value(await client.metadata({ metric: 'prometheus_build_info' }));
    expect(one).toEqual(await raw('api/v1/metadata?metric=prometheus_build_info'));
    expect(one.prometheus_build_info![0]).toMatchObject({ type: 'gauge', unit: '' });
    const limited = value(await client.metadata({ limit: 3 }));
    expect(Object.keys(limited)).toHaveLength(3);
    const all = value(await client.metadata());
    expect(all).toEqual(await raw('api/v1/metadata'));
    expect(Object.keys(all).length).toBeGreaterThan(50);
  });
});
