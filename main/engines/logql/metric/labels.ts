/**
 * Label sets of metric samples, as Prometheus' labels.Labels behaves for Loki: always sorted by
 * name, empty values kept (a parser's `status=""` is a real label in Loki's answers), compared
 * label by label (labels.Compare), printed as labels.String() for error messages.
 */
import { goQuote } from '../go-strconv';
import type { Labels } from '../labels-builder';

export type { Labels };

export const ERROR = '__error__';
export const ERROR_DETAILS = '__error_details__';
export const PRESERVE_ERROR = '__preserve_error__';

const byName = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** A new object with the same labels in name order (JSON output and keys depend on it). */
export function sortedLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels).sort(byName)) out[k] = v;
  return out;
}

/** A map key for a label set: name/value pairs in name order, separated by characters labels cannot hold ambiguously. */
export function labelsKey(labels: Labels): string {
  // Label sets are mostly built in name order already: no sort then.
  let s = '';
  let prev = '';
  let sorted = true;
  for (const n in labels) {
    if (s !== '' && n <= prev) {
      sorted = false;
      break;
    }
    s += n + '\u0000' + labels[n] + '\u0001';
    prev = n;
  }
  if (sorted) return s;
  return sortedKey(labels);
}

function sortedKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let s = '';
  for (const n of names) s += n + '\u0000' + labels[n] + '\u0001';
  return s;
}

/** Prometheus labels.Compare: name, then value, label by label; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ea = Object.entries(a).sort(byName);
  const eb = Object.entries(b).sort(byName);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) {
    const [an, av] = ea[i]!;
    const [bn, bv] = eb[i]!;
    if (an !== bn) return an < bn ? -1 : 1;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return ea.length - eb.length;
}

/** labels.String(): `{a="b", c="d"}` with Go-quoted values, as Loki prints a series in errors. */
export function labelsString(labels: Labels): string {
  return '{' + Object.entries(labels).sort(byName).map(([k, v]) => `${k}=${goQuote(v)}`).join(', ') + '}';
}

export function hasOwn(labels: Labels, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, name);
}

/** The labels without the given names. */
export function without(labels: Labels, names: readonly string[]): Labels {
  const out: Labels = {};
  for (const k of Object.keys(labels)) if (!names.includes(k)) out[k] = labels[k]!;
  return out;
}

/** Only the given names that are present (empty values included, as labels.Builder.Keep does). */
export function keep(labels: Labels, names: readonly string[]): Labels {
  const out: Labels = {};
  for (const k of Object.keys(labels)) if (names.includes(k)) out[k] = labels[k]!;
  return out;
}
