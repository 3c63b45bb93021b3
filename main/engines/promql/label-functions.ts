/**
 * label_replace and label_join with Go regexp semantics (through the regex port): the regex is
 * anchored as ^(?s:…)$, `$1` / `${name}` expand as regexp.Expand does, and the result may not
 * hold two series with the same labels.
 */
import type { Call } from '../../../shared/promql/ast.js';
import { isValidLabelName } from '../../../shared/promql/literals.js';
import { LabelsBuilder, getLabel, labelsKey, METRIC_NAME } from '../tsdb/labels.js';
import type { EvalContext } from './context.js';
import { fail, type Sample } from './values.js';

function str(e: Call, i: number): string {
  let a = e.args[i]!;
  while (a.kind === 'paren') a = a.expr;
  return a.kind === 'string' ? a.value : fail('expected a string literal');
}

const validLabelName = isValidLabelName;

/** regexp.Expand: $name, ${name}, $1, $$; a missing group expands to "". */
export function expandTemplate(template: string, groups: (string | undefined)[], names: readonly string[]): string {
  return template.replace(/\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (m, braced: string | undefined, bare: string | undefined) => {
    if (m === '$$') return '$';
    const name = braced ?? bare!;
    if (/^[0-9]+$/.test(name)) return groups[Number(name)] ?? '';
    const idx = names.indexOf(name);
    return idx > 0 ? (groups[idx] ?? '') : '';
  });
}

function checkUnique(out: Sample[]): Sample[] {
  const seen = new Set<string>();
  for (const s of out) {
    const k = labelsKey(s.labels);
    if (seen.has(k)) fail('vector cannot contain metrics with the same labelset');
    seen.add(k);
  }
  return out;
}

export function labelReplace(ctx: EvalContext, e: Call, input: Sample[]): Sample[] {
  const [dst, repl, src, pattern] = [str(e, 1), str(e, 2), str(e, 3), str(e, 4)];
  const compiled = ctx.regex.compile(`^(?s:${pattern})$`);
  if (!compiled.ok) fail(`invalid regular expression in label_replace(): ${pattern}`);
  if (!validLabelName(dst)) fail(`invalid destination label name in label_replace(): ${dst}`);
  const re = compiled.regex;
  const out = input.map((s) => {
    const m = re.exec(getLabel(s.labels, src));
    if (!m) return s;
    const labels = new LabelsBuilder(s.labels).set(dst, expandTemplate(repl, m.groups, re.groupNames)).labels();
    return { labels, v: s.v, ...(dst !== METRIC_NAME && s.dropName ? { dropName: true } : {}), ...(s.h ? { h: true as const } : {}) };
  });
  return checkUnique(out);
}

export function labelJoin(_ctx: EvalContext, e: Call, input: Sample[]): Sample[] {
  const dst = str(e, 1);
  const sep = str(e, 2);
  const srcs = e.args.slice(3).map((_, i) => str(e, i + 3));
  for (const s of srcs) if (!validLabelName(s)) fail(`invalid source label name in label_join(): ${s}`);
  if (!validLabelName(dst)) fail(`invalid destination label name in label_join(): ${dst}`);
  const out = input.map((s) => {
    const labels = new LabelsBuilder(s.labels).set(dst, srcs.map((n) => getLabel(s.labels, n)).join(sep)).labels();
    return { labels, v: s.v, ...(dst !== METRIC_NAME && s.dropName ? { dropName: true } : {}), ...(s.h ? { h: true as const } : {}) };
  });
  return checkUnique(out);
}
