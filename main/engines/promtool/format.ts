// promtool's text, piece by piece (cmd/promtool/unittest.go): alert lists as
// labelsAndAnnotations.String() indented by indentLines, samples as `{labels} 1E+00`
// (strconv.FormatFloat 'E', -1), eval times as model.Duration and rule-error times as
// time.Duration print them.

import { formatFloat } from '../logql/template/go-float';
import { compareLabels, labelsString } from '../alerting/labels';
import type { Labels } from '../alerting/types';

export interface LabelsAndAnnotations {
  labels: Labels;
  annotations: Labels;
}

export interface ParsedSample {
  labels: Labels;
  value: number;
}

export const formatFloatE = (v: number): string => formatFloat(v, 'E', -1);

export function indentLines(lines: string, indent: string): string {
  return lines.split('\n').join('\n' + indent);
}

export function compareAlerts(a: LabelsAndAnnotations, b: LabelsAndAnnotations): number {
  return compareLabels(a.labels, b.labels) || compareLabels(a.annotations, b.annotations);
}

export function alertsString(list: readonly LabelsAndAnnotations[]): string {
  if (list.length === 0) return '[]';
  const one = (la: LabelsAndAnnotations) => indentLines(`\nLabels:${labelsString(la.labels)}\nAnnotations:${labelsString(la.annotations)}`, '  ');
  return '[\n' + list.map((la, i) => `${i}:${one(la)}`).join(',\n') + '\n]';
}

export function samplesString(list: readonly ParsedSample[]): string {
  if (list.length === 0) return 'nil';
  return list.map((s) => `${labelsString(s.labels)} ${formatFloatE(s.value)}`).join(', ');
}

const MODEL_UNITS: [string, number, boolean][] = [
  ['y', 365 * 86_400_000, true], ['w', 7 * 86_400_000, true], ['d', 86_400_000, false],
  ['h', 3_600_000, false], ['m', 60_000, false], ['s', 1000, false], ['ms', 1, false],
];

/** model.Duration.String(): years and weeks only when exact (`90d`, not `12w6d`). */
export function modelDurationString(ms: number): string {
  if (ms === 0) return '0s';
  let r = '';
  let rest = ms;
  for (const [unit, mult, exact] of MODEL_UNITS) {
    if (exact && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      r += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return r;
}

/** time.Duration.String() for whole milliseconds: `0s`, `500ms`, `1m0s`, `1h0m30.5s`. */
export function goDurationString(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const frac = rest - s * 1000;
  const secs = frac ? `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${s}s`;
  if (h > 0) return `${sign}${h}h${m}m${secs}`;
  if (m > 0) return `${sign}${m}m${secs}`;
  return sign + secs;
}
