import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalTimestampNs, groupOffsetNs } from '../../../main/engines/live/schedule';
import { startRealPrometheus, type RealPrometheus } from '../prometheus/real-prometheus';

/** Two groups with the default 1s evaluation interval of the harness, one with its own 2s. */
const RULES = `groups:
  - name: first
    rules:
      - record: one
        expr: vector(1)
  - name: second group
    rules:
      - record: two
        expr: vector(2)
  - name: third
    interval: 2s
    rules:
      - record: three
        expr: vector(3)
`;

let prom: RealPrometheus;
beforeAll(async () => {
  prom = await startRealPrometheus({ rules: RULES });
}, 120_000);
afterAll(() => prom?.stop());

/** RFC 3339 with up to 9 fractional digits → unix ns. */
function parseNs(text: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) throw new Error(`not an RFC 3339 time: ${text}`);
  return BigInt(Date.parse(`${m[1]}${m[3]}`)) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

describe('evaluation slots beside a real Prometheus', () => {
  it('puts each group on the slots Prometheus evaluates it at (offset from the hash of file and name)', async () => {
    type Group = { name: string; file: string; interval: number; rules: { name: string }[] };
    const api = async <T>(path: string): Promise<T> => ((await (await fetch(`${prom.url}${path}`)).json()) as { data: T }).data;
    // The recorded samples carry the exact evaluation times (ms); wait for a few of each.
    const deadline = Date.now() + 30_000;
    let samples: Record<string, number[]> = {};
    while (Date.now() < deadline) {
      samples = {};
      for (const name of ['one', 'two', 'three']) {
        const m = await api<{ result: { values: [number, string][] }[] }>(`/api/v1/query?query=${name}[1m]`);
        samples[name] = (m.result[0]?.values ?? []).map(([t]) => Math.round(t * 1000));
      }
      if (Object.values(samples).every((v) => v.length >= 3)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const groups = (await api<{ groups: Group[] }>('/api/v1/rules')).groups;
    expect(groups.map((g) => g.name)).toEqual(['first', 'second group', 'third']);
    for (const g of groups) {
      const intervalNs = BigInt(Math.round(g.interval * 1e9));
      const offset = groupOffsetNs(g.file, g.name, intervalNs);
      const times = samples[g.rules[0]!.name]!;
      expect(times.length).toBeGreaterThanOrEqual(3);
      for (const tMs of times) {
        // The sample time is the slot truncated to the ms: the slot at or before its end lies in that ms.
        const slot = evalTimestampNs(BigInt(tMs) * 1_000_000n + 999_999n, offset, intervalNs);
        expect({ group: g.name, ms: Number(slot / 1_000_000n) }).toEqual({ group: g.name, ms: tMs });
      }
    }
  }, 60_000);
});
