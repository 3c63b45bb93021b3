// Prometheus' alert template function map (template/template.go, NewTemplateExpander): the
// humanize* family, string helpers, query/first/label/value and URL helpers, declared for
// Vigie's Go text/template engine. A query result is a slice of samples, each a map with
// .Labels and .Value, so `{{ range query "up" }}{{ .Labels.job }} {{ .Value }}{{ end }}` works.

import { BUILTINS } from '../logql/template/builtins';
import { FuncError, fn, type FuncMap } from '../logql/template/func-types';
import { sprint, sprintf } from '../logql/template/go-fmt';
import { title, toLower, toUpper } from '../logql/template/go-strings';
import { GoDataMap, GoFloat, GoInt, GoMap, GoSlice, GoTime, goTypeName, type GoValue } from '../logql/template/go-values';
import type { Vector } from './types';

export interface TemplateEnv {
  /** Synchronous instant query at the evaluation time (template `query`); absent: an error. */
  query?: (expr: string) => Vector;
  externalUrl: string;
}

// Go's %.4g prints zero as "0"; the shared sprintf gives "0e+00" there, so zero is spelled here.
const g4 = (v: number, suffix = ''): string => (v === 0 ? (Object.is(v, -0) ? '-0' : '0') : sprintf('%.4g', [new GoFloat(v)])) + suffix;

function toFloat(v: GoValue): number {
  if (v instanceof GoFloat) return v.v;
  if (v instanceof GoInt) return Number(v.v);
  if (typeof v === 'string') return parseGoFloat(v);
  throw new FuncError(`can't convert ${goTypeName(v)} to float`);
}

/** strconv.ParseFloat(s, 64) for decimal, Inf and NaN forms (what label values carry). */
function parseGoFloat(s: string): number {
  const t = s.toLowerCase().replace(/^\+/, '');
  if (/^-?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (t === 'nan') return NaN;
  if (/^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/.test(t)) return Number(t);
  throw new FuncError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return g4(v);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return g4(v, prefix);
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix);
}

export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return g4(v);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return g4(v, prefix);
}

export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return g4(v);
  if (v === 0) return g4(v, 's');
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    v = Math.abs(v);
    const d = Math.trunc(v);
    const [s, m, h, days] = [d % 60, Math.trunc(d / 60) % 60, Math.trunc(d / 3600) % 24, Math.trunc(d / 86400)];
    if (days !== 0) return `${sign}${days}d ${h}h ${m}m ${s}s`;
    if (h !== 0) return `${sign}${h}h ${m}m ${s}s`;
    if (m !== 0) return `${sign}${m}m ${s}s`;
    return sign + g4(v, 's');
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return g4(v, prefix + 's');
}

/** floatToTime: seconds → time.Time in UTC, through model.Time (millisecond precision). */
function floatToTime(v: number): GoTime {
  const ns = v * 1e9;
  if (ns > 9.223372036854776e18 || ns < -9.223372036854776e18) {
    throw new FuncError(`${sprint([new GoFloat(v)])} cannot be represented as a nanoseconds timestamp since it overflows int64`);
  }
  return new GoTime(BigInt(Math.trunc(ns / 1e6)) * 1_000_000n);
}

const sampleValue = (s: { labels: Readonly<Record<string, string>>; value: number }): GoValue =>
  new GoMap(new Map<string, GoValue>([['Labels', new GoDataMap(s.labels)], ['Value', new GoFloat(s.value)]]), 'interface {}');

function sampleOf(v: GoValue, what: string): GoMap {
  if (v instanceof GoMap && v.entries.has('Labels')) return v;
  throw new FuncError(`${what}: not a sample (${goTypeName(v)})`);
}

export function alertTemplateFunctions(env: TemplateEnv): FuncMap {
  const float = (f: (v: number) => string) => fn(['any'], (a) => f(toFloat(a[0])));
  return {
    ...BUILTINS,
    query: fn(['string'], (a) => {
      if (!env.query) throw new FuncError('query is not available here');
      return new GoSlice(env.query(a[0] as string).map(sampleValue), 'template.queryResult');
    }),
    first: fn(['any'], (a) => {
      const v = a[0];
      if (v instanceof GoSlice && v.items.length > 0) return v.items[0];
      throw new FuncError('first() called on vector with no elements');
    }),
    label: fn(['string', 'any'], (a) => (sampleOf(a[1], 'label').entries.get('Labels') as GoDataMap).get(a[0] as string) ?? ''),
    value: fn(['any'], (a) => sampleOf(a[0], 'value').entries.get('Value')),
    strvalue: fn(['any'], (a) => (sampleOf(a[0], 'strvalue').entries.get('Labels') as GoDataMap).get('__value__') ?? ''),
    args: fn([], (a) => new GoMap(new Map(a.map((v, i) => [`arg${i}`, v])), 'interface {}'), 'any'),
    safeHtml: fn(['string'], (a) => a[0]),
    title: fn(['string'], (a) => title(a[0] as string)),
    toUpper: fn(['string'], (a) => toUpper(a[0] as string)),
    toLower: fn(['string'], (a) => toLower(a[0] as string)),
    match: fn(['string', 'string'], (a, ctx) => {
      const re = ctx.regex(a[0] as string);
      if (!re.ok) throw new FuncError(re.error);
      return re.re.test(a[1] as string);
    }),
    reReplaceAll: fn(['string', 'string', 'string'], (a, ctx) => {
      const re = ctx.regex(a[0] as string);
      if (!re.ok) throw new FuncError(`regexp: Compile(${JSON.stringify(a[0])}): ${re.error}`); // MustCompile panics
      return re.re.replaceAll(a[2] as string, a[1] as string, false);
    }),
    sortByLabel: fn(['string', 'any'], (a) => {
      const v = a[1];
      if (!(v instanceof GoSlice)) throw new FuncError(`sortByLabel: not a query result (${goTypeName(v)})`);
      const key = (s: GoValue) => (sampleOf(s, 'sortByLabel').entries.get('Labels') as GoDataMap).get(a[0] as string) ?? '';
      return new GoSlice([...v.items].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)), v.type);
    }),
    stripPort: fn(['string'], (a) => splitHostPort(a[0] as string)?.host ?? (a[0] as string)),
    stripDomain: fn(['string'], (a) => {
      const hp = a[0] as string;
      const split = splitHostPort(hp);
      const host = split?.host ?? hp;
      if (/^[0-9.]+$/.test(host) && host.split('.').length === 4 || host.includes(':')) return hp; // an IP
      const short = host.split('.')[0]!;
      return split?.port ? (short.includes(':') ? `[${short}]:${split.port}` : `${short}:${split.port}`) : short;
    }),
    humanize: float(humanize),
    humanize1024: float(humanize1024),
    humanizeDuration: float(humanizeDuration),
    humanizePercentage: float((v) => g4(v * 100, '%')),
    humanizeTimestamp: float((v) => (Number.isFinite(v) ? sprint([floatToTime(v)]) : g4(v))),
    toTime: fn(['any'], (a) => floatToTime(toFloat(a[0]))),
    pathPrefix: fn([], () => pathOf(env.externalUrl)),
    externalURL: fn([], () => env.externalUrl),
    parseDuration: fn(['string'], (a) => new GoFloat(parseDurationSeconds(a[0] as string))),
  };
}

function splitHostPort(hp: string): { host: string; port: string } | undefined {
  const m = /^\[([^\]]*)\]:([^:]*)$/.exec(hp) ?? /^([^:[\]]*):([^:]*)$/.exec(hp);
  return m ? { host: m[1]!, port: m[2]! } : undefined;
}

function pathOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)?/i.exec(url);
  return m?.[1] ?? '';
}

const DURATION_UNITS: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3600, m: 60, s: 1, ms: 0.001 };
function parseDurationSeconds(text: string): number {
  const m = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
  if (text === '0') return 0;
  if (!text || !m) throw new FuncError(`not a valid duration string: ${JSON.stringify(text)}`);
  return ['y', 'w', 'd', 'h', 'm', 's', 'ms'].reduce((sum, u, i) => sum + Number(m[i + 1] ?? 0) * DURATION_UNITS[u]!, 0);
}
