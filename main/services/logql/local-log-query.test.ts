import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogQueryEvent, LogQueryInput, LokiStream } from '../../../shared/contract/logql';
import { logQueryInputSchema } from '../../../shared/contract/logql';
import { AppFailure } from '../../../shared/model/app-error';
import { createServices, type Services } from '../../host/create-services';

const root = mkdtempSync(join(tmpdir(), 'vigie-logql-'));
const T0 = Date.UTC(2024, 0, 1);
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
let services: Services;

beforeAll(async () => {
  mkdirSync(join(root, 'api'));
  mkdirSync(join(root, 'web'));
  // api: JSON lines at seconds 0..9; web: plain lines at seconds 0.5.. (interleaved in time)
  writeFileSync(join(root, 'api', 'app.log'), Array.from({ length: 10 }, (_, i) => JSON.stringify({ ts: iso(i), level: i % 3 === 0 ? 'error' : 'info', status: 200 + i * 40 })).join('\n') + '\n');
  writeFileSync(join(root, 'web', 'access.log'), Array.from({ length: 10 }, (_, i) => `${iso(i + 0.5)} GET /page/${i} error=${i % 2 === 0}`).join('\n') + '\n');
  services = createServices({ mode: 'test', rescanMs: 60_000 });
  await services.handlers['sources.add']({ path: join(root, 'api'), recursive: true, follow: false }, { signal: new AbortController().signal });
  await services.handlers['sources.add']({ path: join(root, 'web'), recursive: true, follow: false }, { signal: new AbortController().signal });
  await new Promise<void>((resolve) => {
    const check = () => services.sources.snapshot().streams.every((s) => s.status.state === 'ready') && resolve();
    services.sources.onChange(check);
    check();
  });
});
afterAll(() => services.dispose());

async function query(input: LogQueryInput, signal = new AbortController().signal): Promise<{ events: LogQueryEvent[]; entries: [string, string, Record<string, string>][] }> {
  const events: LogQueryEvent[] = [];
  for await (const e of services.handlers['logql.query'](logQueryInputSchema.parse(input), { signal })) events.push(e);
  const entries = events.flatMap((e) => (e.kind === 'streams' ? e.result.flatMap((s: LokiStream) => s.values.map((v) => [v[0], v[1], { ...s.stream, ...(v[2]?.parsed ?? {}) }] as [string, string, Record<string, string>])) : []));
  for (const e of events) {
    if (e.kind !== 'streams') continue;
    for (const st of e.result) {
      const ts = st.values.map((v) => BigInt(v[0]));
      const inOrder = ts.every((t, i) => i === 0 || (input.direction === 'forward' ? ts[i - 1]! <= t : ts[i - 1]! >= t));
      if (!inOrder) throw new Error(`stream ${JSON.stringify(st.stream)} is not in ${input.direction ?? 'backward'} order`);
    }
  }
  // Loki groups entries by stream; compare across streams in the query's time order.
  entries.sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : BigInt(a[0]) > BigInt(b[0]) ? 1 : 0) * (input.direction === 'forward' ? 1 : -1));
  return { events, entries };
}
const ns = (s: number) => (BigInt(T0 + s * 1000) * 1_000_000n).toString();

describe('a LogQL log query over local files', () => {
  it('selects streams by label and filters lines, newest first across files', async () => {
    const { entries, events } = await query({ query: '{job=~"api|web"} |= "error"', limit: 1000 });
    expect(entries).toHaveLength(14);
    expect(entries.filter((e) => e[2].job === 'web')).toHaveLength(10);
    expect(entries.filter((e) => e[2].job === 'api').map((e) => e[0])).toEqual([9, 6, 3, 0].map(ns));
    expect(events.at(-1)).toMatchObject({ kind: 'done', linesScanned: 20, limitReached: false });
  });

  it('parses JSON and filters on a parsed number, returning the parsed labels per entry', async () => {
    const { entries } = await query({ query: '{job="api"} | json | status >= 440', direction: 'forward', limit: 100 });
    expect(entries.map((e) => e[2].status)).toEqual(['440', '480', '520', '560']);
    expect(entries[0]![2]).toMatchObject({ job: 'api', level: 'error', status: '440', filename: join(root, 'api', 'app.log') });
  });

  it('applies the limit across streams in the direction of the query', async () => {
    const { entries, events } = await query({ query: '{host="localhost"}', direction: 'forward', limit: 3 });
    expect(entries.map((e) => e[0])).toEqual([ns(0), ns(0.5), ns(1)]);
    expect(events.at(-1)).toMatchObject({ kind: 'done', limitReached: true });
  });

  it('includes start and excludes end, as Loki does', async () => {
    const { entries } = await query({ query: '{job="api"}', start: T0 + 2000, end: T0 + 5000, direction: 'forward', limit: 100 });
    expect(entries.map((e) => e[0])).toEqual([ns(2), ns(3), ns(4)]);
  });

  it('rewrites lines with line_format', async () => {
    const { entries } = await query({ query: '{job="api"} | json | line_format "{{.level}} {{.status}}"', limit: 2 });
    expect(entries.map((e) => e[1])).toEqual(['error 560', 'info 520']);
  });

  it.each([
    ['{job="api"', 'parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,', 10],
    ['{job="api"} |~ "("', 'parse error : stage \'|~ "("\' : error parsing regexp: missing closing ): `(`', 12],
  ])('refuses %s with Loki’s message, positioned', async (q, message, offset) => {
    const error = await query({ query: q }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error).toMatchObject({ code: 'bad_input', message });
    expect((error as AppFailure).error.where?.offset).toBeGreaterThanOrEqual(0);
    expect((error as AppFailure).error.where?.offset).toBeLessThanOrEqual(offset + 1);
  });

  it('says clearly that metric queries are not run locally yet', async () => {
    const error = await query({ query: 'count_over_time({job="api"}[1m])' }).then(() => null, (e: unknown) => e);
    expect((error as AppFailure).error.code).toBe('unsupported');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(query({ query: '{job="api"}' }, controller.signal)).rejects.toThrow();
  });

  it('checks queries for the editor with Loki’s message and span', async () => {
    const check = services.handlers['logql.check'];
    expect(await check({ query: '{job="api"} | json' }, { signal: new AbortController().signal })).toEqual({ ok: true, kind: 'log' });
    expect(await check({ query: 'sum(rate({job="x"}[1m]))' }, { signal: new AbortController().signal })).toEqual({ ok: true, kind: 'metric' });
    const bad = await check({ query: '{job="api"} | foo' }, { signal: new AbortController().signal });
    expect(bad).toMatchObject({ ok: false, error: { message: 'parse error at line 1, col 18: syntax error: unexpected $end' } });
  });
});
