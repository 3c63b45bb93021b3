/**
 * AST → LogQL text, as Loki's String() methods print it (pkg/logql/syntax/ast.go,
 * pkg/logql/log/label_filter.go): `(a + b)` around binary operations, `( x , y )` around
 * label filter conjunctions, ranges as model.Duration, offsets as time.Duration. Loki's
 * stage errors quote this text (`stage '|~ "("' : …`). Where Loki's text would not parse
 * back to the same tree we print what does: `by ()` is kept, ip label filters use `=`,
 * byte sizes that humanize would round are printed exactly (`10240B`).
 */
import type { Expr, Grouping, LabelFilterExpr, LabelMatcher, LineFilterStage, LogQueryExpr, LogRangeExpr, MetricExpr, PipelineStage } from './ast.js';
import { quoteGo } from './go-strings.js';
import { formatGoDuration, formatHumanBytes, formatPromDuration, parseBytes } from './units.js';

/** strconv.FormatFloat(v, 'f', -1, 64). */
export function formatFloatF(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  const s = String(v);
  if (!s.includes('e')) return s;
  if (Number.isInteger(v)) return BigInt(v).toString();
  return v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** fmt.Sprint(float64): strconv 'g' shortest, exponent form (`1e+06`) when exp < -4 or >= 6. */
export function formatFloatG(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expStr] = v.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp >= -4 && exp < 6) return String(v);
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

export function printMatcher(m: LabelMatcher): string {
  const name = /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.name) ? m.name : quoteGo(m.name);
  return `${name}${m.op}${quoteGo(m.value)}`;
}

function printBytes(n: number): string {
  const h = formatHumanBytes(n);
  const back = parseBytes(h);
  return back.ok && back.value === n ? h : `${n}B`;
}

export function printLabelFilter(f: LabelFilterExpr): string {
  switch (f.kind) {
    case 'and':
      return `( ${printLabelFilter(f.left)} , ${printLabelFilter(f.right)} )`;
    case 'or':
      return `( ${printLabelFilter(f.left)} or ${printLabelFilter(f.right)} )`;
    case 'string':
      return printMatcher(f.matcher);
    case 'number':
      return `${f.name}${f.op}${formatFloatF(f.value)}`;
    case 'duration':
      return `${f.name}${f.op}${formatGoDuration(f.value)}`;
    case 'bytes':
      return `${f.name}${f.op}${printBytes(f.value)}`;
    case 'ip':
      return `${f.name}${f.op}ip(${quoteGo(f.pattern)})`;
  }
}

export function printLineFilter(s: LineFilterStage): string {
  const values = s.values.map((v) => (v.kind === 'ip' ? `ip(${quoteGo(v.pattern)})` : quoteGo(v.value)));
  return `${s.op} ${values.join(' or ')}`;
}

const params = (ps: { label: string; expr: string }[]) => ps.map((p) => `${p.label}=${quoteGo(p.expr)}`).join(',');

export function printStage(s: PipelineStage): string {
  switch (s.kind) {
    case 'lineFilter':
      return printLineFilter(s);
    case 'json':
      return s.params.length ? `| json ${params(s.params)}` : '| json';
    case 'logfmt': {
      const flags = [s.strict ? '--strict' : '', s.keepEmpty ? '--keep-empty' : ''].filter(Boolean);
      return ['| logfmt', ...flags, ...(s.params.length ? [params(s.params)] : [])].join(' ');
    }
    case 'regexp':
    case 'pattern':
      return `| ${s.kind} ${quoteGo(s.pattern)}`;
    case 'unpack':
      return '| unpack';
    case 'labelFilter':
      return `| ${printLabelFilter(s.filter)}`;
    case 'lineFormat':
      return `| line_format ${quoteGo(s.template)}`;
    case 'labelFormat':
      return `| label_format ${s.ops.map((o) => (o.kind === 'rename' ? `${o.dst}=${o.src}` : `${o.dst}=${quoteGo(o.template)}`)).join(',')}`;
    case 'drop':
    case 'keep':
      return `| ${s.kind} ${s.labels.map((l) => (l.matcher ? printMatcher(l.matcher) : l.name)).join(',')}`;
    case 'decolorize':
      return '| decolorize';
  }
}

export function printLogQuery(q: LogQueryExpr): string {
  const sel = `{${q.matchers.map(printMatcher).join(', ')}}`;
  return q.stages.length ? `${sel} ${q.stages.map(printStage).join(' ')}` : sel;
}

function printLogRange(r: LogRangeExpr): string {
  let out = printLogQuery(r.query);
  if (r.unwrap) {
    const u = r.unwrap;
    out += u.conversion === 'none' ? ` | unwrap ${u.label}` : ` | unwrap ${u.conversion}(${u.label})`;
    for (const f of u.postFilters) out += ` | ${printLabelFilter(f)}`;
  }
  out += `[${formatPromDuration(r.rangeNs)}]`;
  if (r.offsetNs !== 0) out += ` offset ${formatGoDuration(r.offsetNs)}`;
  return out;
}

function printGrouping(g: Grouping | null): string {
  return g ? ` ${g.without ? 'without' : 'by'} (${g.labels.join(',')})` : '';
}

export function printExpr(e: Expr): string {
  return e.kind === 'logQuery' ? printLogQuery(e) : printMetric(e);
}

function printMetric(e: MetricExpr): string {
  switch (e.kind) {
    case 'rangeAggregation':
      return `${e.op}(${e.param !== null ? formatFloatF(e.param) + ',' : ''}${printLogRange(e.range)})${printGrouping(e.grouping)}`;
    case 'vectorAggregation':
      return `${e.op}${printGrouping(e.grouping)}(${e.param !== null ? e.param + ',' : ''}${printMetric(e.expr)})`;
    case 'binary': {
      const parts: string[] = [e.op];
      if (e.returnBool) parts.push('bool');
      const m = e.matching;
      if (m) {
        parts.push(`${m.on ? 'on' : 'ignoring'} (${m.labels.join(',')})`);
        if (m.card !== 'one-to-one') parts.push(`${m.card === 'many-to-one' ? 'group_left' : 'group_right'}${m.include.length ? ` (${m.include.join(',')})` : ''}`);
      }
      return `(${printExpr(e.left)} ${parts.join(' ')} ${printExpr(e.right)})`;
    }
    case 'literal':
      return formatFloatG(e.value);
    case 'vector':
      return `vector(${e.value.toFixed(6)})`;
    case 'labelReplace':
      return `label_replace(${printMetric(e.expr)},${[e.dst, e.replacement, e.src, e.regex].map((v) => quoteGo(v)).join(',')})`;
  }
}
