// rate(), irate() and increase() assume a counter: every decrease is read as a reset and
// counted as a jump from zero, so over a gauge (a value that goes up and down) they return
// nonsense. Prometheus' docs: use deriv() or delta() for gauges.

import { metricKind } from './counter-names';
import { exprFix } from './fix';
import { selectorName, walkPromql } from './promql-walk';
import type { Finding, Lint, LintInput } from './types';

const COUNTER_FUNCS: Record<string, string> = { rate: 'deriv', irate: 'deriv', increase: 'delta' };
/** Names that say "gauge" by Prometheus' conventions (a current amount, not a running total). */
const GAUGE_NAME = /(^up$|_(bytes|ratio|celsius|percent|temperature|info|current|size|free|available|in_use|used)$)/;

function check(input: LintInput): Finding[] {
  const { parsed, exprNode } = input;
  if (!parsed || parsed.language !== 'promql' || !exprNode) return [];
  const out: Finding[] = [];
  walkPromql(parsed.expr, (n) => {
    if (n.kind !== 'call' || !(n.func in COUNTER_FUNCS)) return;
    const arg = n.args[0];
    if (arg?.kind !== 'matrixSelector') return;
    const name = selectorName(arg.vector);
    if (!name) return;
    const kind = metricKind(name, input.metricTypes);
    const byName = !kind.known && kind.kind === 'unknown' && GAUGE_NAME.test(name);
    if (kind.kind !== 'gauge' && !byName) return;
    const instead = COUNTER_FUNCS[n.func]!;
    out.push({
      code: 'rate-on-gauge',
      severity: kind.known ? 'warning' : 'info',
      message: `${n.func}() expects a counter, but ${name} ${kind.known ? 'is a gauge (the pipeline declares it so)' : 'looks like a gauge (by its name)'}: every decrease is taken for a counter reset, so the result is wrong. For a gauge use ${instead}()`,
      ...exprNode.span(n.span.start, n.span.start + n.func.length),
      fix: exprFix(input.text, exprNode, input.rule, `Use ${instead}()`, [{ from: n.span.start, to: n.span.start + n.func.length, text: instead }]),
    });
  });
  return out;
}

export const rateOnGauge: Lint = { code: 'rate-on-gauge', summary: 'rate/irate/increase over a gauge', check };
