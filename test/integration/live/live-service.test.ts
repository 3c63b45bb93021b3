import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { re2Port } from '../../../main/adapters/re2/re2-port';
import { FakeClock } from '../../../main/engines/live/fake-clock';
import { createLiveService, liveStreamOf } from '../../../main/services/live/live-handlers';
import { exploreSelector } from '../../../main/services/live/live-run';
import { parseQuery } from '../../../main/services/logql/logql-ports';
import { collect, liveService, settledEvaluations, startInput, tempFolder, until } from './live-kit';

const { dir, cleanup } = tempFolder('vigie-live-service-');
afterAll(cleanup);
const log = join(dir, 'app.log');
writeFileSync(log, '');

describe('live.start refuses what cannot run, in words and positioned', () => {
  it.each([
    { name: 'a rule file that is not YAML', input: { rules: 'groups: [', streamIds: ['s1'], pipeline: null }, want: /^yaml: line \d+/, line: 1 },
    { name: 'an expression that does not parse', input: { rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m]\n', streamIds: ['s1'], pipeline: null }, want: /unclosed left parenthesis|unexpected end of input/, line: 5 },
    { name: 'a rule file without groups', input: { rules: 'groups: []\n', streamIds: ['s1'], pipeline: null }, want: /^the rule file has no groups$/, line: 1 },
    { name: 'a pipeline that does not load', input: { rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n', streamIds: ['s1'], pipeline: 'pipeline_stages:\n  - regex: {}\n' }, want: /^pipeline: /, line: 2 },
    { name: 'an unknown stream', input: { rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n', streamIds: ['nope'], pipeline: null }, want: /^no stream nope$/, line: 1 },
    { name: 'credentials in the Alertmanager URL', input: { rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n', streamIds: ['s1'], pipeline: null, alertmanager: { url: 'http://u:secret@127.0.0.1:9093' } }, want: /must not carry a user name or password/, line: 1 },
  ])('$name', async ({ input, want, line }) => {
    const live = liveService(new FakeClock(0), { s1: log }, null);
    const r = await live.start(startInput(input));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.message).toMatch(want);
    expect(r.errors[0]!.line).toBe(line);
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(live.state().running).toBe(false);
  });

  it('refuses a silence that would match everything, and one with a bad regex', () => {
    const live = liveService(new FakeClock(0), {}, null);
    expect(() => live.silence({ action: 'add', matchers: [{ name: 'a', value: '.*', isRegex: true, isEqual: true }], durationMs: 60_000, comment: '', createdBy: 'me' })).toThrow('silence not created: at least one matcher must not match the empty string');
    expect(() => live.silence({ action: 'add', matchers: [{ name: 'a', value: '(', isRegex: true, isEqual: true }], durationMs: 60_000, comment: '', createdBy: 'me' })).toThrow(/silence not created: invalid regular expression "\(": .*missing closing \)/);
    expect(() => live.silence({ action: 'expire', id: 'x' })).toThrow('no silence x');
  });
});

describe('a Loki ruler group live', () => {
  it('evaluates LogQL over the followed lines: fires on errors, resolves when they stop, silenced notifications are not shown', async () => {
    const path = join(dir, 'loki.log');
    const t0 = Date.now() - (Date.now() % 60_000);
    // A file that already has a line (an empty one at open finds no appended line by time: reported).
    writeFileSync(path, `${new Date(t0 - 3_600_000).toISOString()} INFO started\n`);
    const clock = new FakeClock(t0);
    const live = liveService(clock, { s1: path }, null);
    const notes = collect(live);
    const settle = settledEvaluations(live);
    const rules = `groups:
  - name: loki
    interval: 15s
    rules:
      - alert: ManyErrors
        expr: sum by (job) (count_over_time({job="app"} |= "ERROR" [1m])) > 2
        annotations: {summary: "{{ $value }} errors in a minute"}
      - alert: Panics
        expr: count_over_time({job="app"} |= "panic" [1m]) > 0
`;
    const started = await live.start(startInput({ rules, streamIds: ['s1'], pipeline: null }));
    expect(started.ok).toBe(true);
    expect(started.ok && started.state.running && started.state.groups[0]!.language).toBe('logql');
    live.silence({ action: 'add', matchers: [{ name: 'alertname', value: 'Panics', isRegex: false, isEqual: true }], durationMs: 3_600_000, comment: '', createdBy: 'test' });
    // The lines carry their own time (LogQL reads log time): a few seconds after t0.
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    appendFileSync(path, `${at(1)} ERROR a\n${at(2)} ERROR b\n${at(3)} ERROR c\n${at(4)} panic: oh no\n`);
    const run = live.current()!;
    await until(() => run.files[0]!.indexed!.lineCount() === 5, 10_000, 'the indexed lines');
    await clock.advance(30_000, settle);
    const st = live.state();
    const byRule = st.running ? Object.fromEntries(st.alerts.map((a) => [a.rule, a])) : {};
    expect(byRule.ManyErrors).toMatchObject({ state: 'firing', labels: { alertname: 'ManyErrors', job: 'app' }, annotations: { summary: '3 errors in a minute' } });
    expect(byRule.Panics).toMatchObject({ state: 'firing', silencedBy: expect.any(String) });
    await until(() => notes.got.length >= 1, 5000, 'a notification');
    await clock.advance(2 * 60_000, settle);
    await until(() => notes.got.length >= 2, 5000, 'the resolved notification');
    expect(notes.got.map((n) => `${n.transition} ${n.rule}`)).toEqual(['firing ManyErrors', 'resolved ManyErrors']);
    await live.dispose();
    notes.stop();
  }, 60_000);
});

describe('where a notification or an alert opens Explore', () => {
  it.each([
    { name: 'one file: an equality matcher', paths: ['/var/log/app.log'], others: ['/var/log/app.log.1'] },
    { name: 'several files, with regex characters and quotes in their names: an anchored alternation', paths: ['/var/log/a+b (1).log', '/var/log/c.log', '/var/log/say "hi"\\.log'], others: ['/var/log/cxlog', '/var/log/a+b (1).log.1'] },
  ])('$name', ({ paths, others }) => {
    const parsed = parseQuery(exploreSelector(paths));
    if (!parsed.ok || parsed.expr.kind !== 'logQuery') throw new Error(`not a log query: ${exploreSelector(paths)}`);
    const m = parsed.expr.matchers[0]!;
    const compiled = re2Port.compile(`^(?:${m.value})$`);
    const matches = (v: string) => (m.op === '=' ? v === m.value : compiled.ok && compiled.regex.test(v));
    expect(m.name).toBe('filename');
    for (const p of paths) expect(matches(p)).toBe(true);
    for (const p of others) expect(matches(p)).toBe(false);
  });
});

describe('which streams can be followed live', () => {
  const fakeFile = { path: '/var/log/syslog' };
  const sourcesWith = (labels: Record<string, string>) => ({ stream: () => ({ file: fakeFile, info: () => ({ labels }) }) }) as unknown as Parameters<typeof createLiveService>[0];
  it('refuses a stream without a file name (Loki)', async () => {
    const live = createLiveService(sourcesWith({ job: 'x' }), { mode: 'test' });
    const r = await live.start(startInput({ rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: vector(1)\n', streamIds: ['s1'], pipeline: null }));
    expect(r.ok === false && r.errors[0]!.message).toMatch(/^stream s1 has no file behind it: live rules follow files/);
  });
  it.each([
    { name: 'a local file is followed by its path', labels: { filename: '/var/log/app.log', host: 'localhost' }, followed: false },
    { name: "an SSH host's file is read from the registry's own follower, its path never opened here", labels: { filename: '/var/log/syslog', host: 'web-1' }, followed: true },
  ])('$name', ({ labels, followed }) => {
    const asked = liveStreamOf(sourcesWith(labels))('s1');
    expect(asked.path).toBe(labels.filename);
    expect(asked.followed === fakeFile).toBe(followed);
  });
});
