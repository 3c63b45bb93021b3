/**
 * Per-line label state, after Loki's LabelsBuilder (pkg/logql/log/labels.go): the stream's own
 * labels (base), labels added by stages (parsed: parsers, label_format), deletions (drop, keep,
 * rename), and the error pair kept apart from both (__error__, __error_details__) until the
 * result is built. Parsed labels win over stream labels of the same name.
 */
import { ParserHints, PRESERVE_ERROR_LABEL } from './parser-hints';

export type Labels = Record<string, string>;

export const ERROR_LABEL = '__error__';
export const ERROR_DETAILS_LABEL = '__error_details__';
export const DUPLICATE_SUFFIX = '_extracted';

export class LabelsBuilder {
  private parsed: [string, string][] = [];
  private del: string[] = [];
  err = '';
  errDetails = '';

  /** Loki keeps the hints on the labels builder; parsers read them from here. */
  readonly hints: ParserHints;

  constructor(
    readonly base: Labels,
    hints?: ParserHints,
  ) {
    this.hints = hints ?? new ParserHints();
  }

  reset(): void {
    if (this.parsed.length > 0) this.parsed = [];
    if (this.del.length > 0) this.del = [];
    this.hints.reset();
    this.err = '';
    this.errDetails = '';
  }

  baseHas(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.base, name);
  }

  /** Loki's `Get`: added labels first, then deletions, then base labels with a non-empty value. */
  get(name: string): string | undefined {
    for (const [n, v] of this.parsed) if (n === name) return v;
    if (this.del.includes(name)) return undefined;
    const v = this.base[name];
    return v !== undefined && v !== '' && this.baseHas(name) ? v : undefined;
  }

  /** Set a parsed label (parsed labels take precedence over stream labels). */
  set(name: string, value: string): void {
    for (const p of this.parsed) {
      if (p[0] === name) {
        p[1] = value;
        return;
      }
    }
    this.parsed.push([name, value]);
    // Loki records a name when it is first added as a parsed label, and never forgets it on
    // the line (a later drop does not make it extractable again).
    this.hints.recordExtracted(name);
  }

  /** Already set by a parser (or label_format) on this line: parsers skip such keys. */
  wasExtracted(name: string): boolean {
    return this.hints.extracted(name);
  }

  delete(name: string): void {
    this.parsed = this.parsed.filter(([n]) => n !== name);
    this.del.push(name);
  }

  setError(err: string, details?: string): void {
    this.err = err;
    if (details !== undefined) this.errDetails = details;
  }

  /** Loki's addErrLabel (parsers only): the error, and `__preserve_error__` when the query asks for `__error__`. */
  addParserError(err: string, details?: string): void {
    this.setError(err, details);
    if (this.hints.preserveError()) this.set(PRESERVE_ERROR_LABEL, 'true');
  }

  /** The name a parser should use for `key`: `key_extracted` when the stream already has `key`. */
  parsedName(key: string): string {
    return this.baseHas(key) ? key + DUPLICATE_SUFFIX : key;
  }

  /**
   * Loki's ParserHints.ShouldContinueParsingLine: the first top-level label filter on `name`
   * runs as soon as a parser sets it, and a mismatch drops the line there.
   */
  shouldContinue(name: string): boolean {
    return this.hints.shouldContinueParsingLine(name, this);
  }

  /** All labels, unsorted, errors included (Loki's UnsortedLabels). */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    const parsedNames = new Set(this.parsed.map(([n]) => n));
    for (const name of Object.keys(this.base)) {
      if (this.del.includes(name) || parsedNames.has(name)) continue;
      out.push([name, this.base[name]!]);
    }
    for (const p of this.parsed) out.push([p[0], p[1]]);
    if (this.err !== '') out.push([ERROR_LABEL, this.err]);
    if (this.errDetails !== '') out.push([ERROR_DETAILS_LABEL, this.errDetails]);
    return out;
  }

  /** The label map templates see (Loki's `Map`). */
  toMap(): Record<string, string> {
    const m: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [n, v] of this.entries()) m[n] = v;
    return m;
  }

  /** The result label set, sorted by name as Prometheus labels are. */
  toLabels(): Labels {
    const entries = this.entries();
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Labels = {};
    for (const [n, v] of entries) out[n] = v;
    return out;
  }
}
