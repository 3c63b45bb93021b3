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
  /** Parsed labels as parallel arrays, reused line after line (first `n` are live). */
  private names: string[] = [];
  private values: string[] = [];
  private n = 0;
  private del: string[] = [];
  /** The stream's label names, sorted once (toLabels merges them with the parsed ones). */
  private readonly baseNames: string[];
  private readonly baseSet: Set<string>;
  private unchanged: Labels | null = null;
  err = '';
  errDetails = '';

  /** Loki keeps the hints on the labels builder; parsers read them from here. */
  readonly hints: ParserHints;

  constructor(
    readonly base: Labels,
    hints?: ParserHints,
  ) {
    this.hints = hints ?? new ParserHints();
    this.baseNames = Object.keys(base).sort();
    this.baseSet = new Set(this.baseNames);
  }

  reset(): void {
    this.n = 0;
    if (this.del.length > 0) this.del = [];
    this.hints.reset();
    this.err = '';
    this.errDetails = '';
  }

  baseHas(name: string): boolean {
    // A stream has a handful of labels: comparing beats hashing a freshly sliced key.
    const b = this.baseNames;
    if (b.length > 8) return this.baseSet.has(name);
    for (let i = 0; i < b.length; i++) if (b[i] === name) return true;
    return false;
  }

  private parsedIndex(name: string): number {
    const names = this.names;
    for (let i = 0; i < this.n; i++) if (names[i] === name) return i;
    return -1;
  }

  /** Loki's `Get`: added labels first, then deletions, then base labels with a non-empty value. */
  get(name: string): string | undefined {
    const i = this.parsedIndex(name);
    if (i >= 0) return this.values[i];
    if (this.del.includes(name)) return undefined;
    const v = this.base[name];
    return v !== undefined && v !== '' && this.baseHas(name) ? v : undefined;
  }

  /** Set a parsed label (parsed labels take precedence over stream labels). */
  set(name: string, value: string): void {
    const i = this.parsedIndex(name);
    if (i >= 0) {
      this.values[i] = value;
      return;
    }
    this.names[this.n] = name;
    this.values[this.n++] = value;
    // Loki records a name when it is first added as a parsed label, and never forgets it on
    // the line (a later drop does not make it extractable again).
    this.hints.recordExtracted(name);
  }

  /**
   * set() for a name a parser just checked with hints.extracted (false): every parsed name is
   * recorded as extracted, so it cannot be among the parsed ones and needs no search.
   */
  setNew(name: string, value: string): void {
    this.names[this.n] = name;
    this.values[this.n++] = value;
    this.hints.recordNew(name);
  }

  /** Already set by a parser (or label_format) on this line: parsers skip such keys. */
  wasExtracted(name: string): boolean {
    return this.hints.extracted(name);
  }

  delete(name: string): void {
    const i = this.parsedIndex(name);
    if (i >= 0) {
      this.names.splice(i, 1);
      this.values.splice(i, 1);
      this.n--;
    }
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
    this.collect((n, v) => out.push([n, v]));
    return out;
  }

  private collect(add: (name: string, value: string) => void): void {
    const del = this.del;
    for (const name of this.baseNames) {
      if ((del.length > 0 && del.includes(name)) || this.parsedIndex(name) >= 0) continue;
      add(name, this.base[name]!);
    }
    for (let i = 0; i < this.n; i++) add(this.names[i]!, this.values[i]!);
    if (this.err !== '') add(ERROR_LABEL, this.err);
    if (this.errDetails !== '') add(ERROR_DETAILS_LABEL, this.errDetails);
  }

  /** The label map templates see (Loki's `Map`). */
  toMap(): Record<string, string> {
    const m: Record<string, string> = Object.create(null) as Record<string, string>;
    this.collect((n, v) => (m[n] = v));
    return m;
  }

  /** Nothing changed on this line: the labels are the stream's own. */
  get unchangedLine(): boolean {
    return this.n === 0 && this.del.length === 0 && this.err === '' && this.errDetails === '';
  }

  /**
   * The result label set, sorted by name as Prometheus labels are. A line that changed nothing
   * (line filters only) gets the same object each time: callers treat label sets as values,
   * and identity lets them skip re-keying it per entry.
   */
  toLabels(): Labels {
    if (this.unchangedLine) {
      if (this.unchanged === null) {
        const out: Labels = {};
        for (const name of this.baseNames) out[name] = this.base[name]!;
        this.unchanged = out;
      }
      return this.unchanged;
    }
    const k = this.sortedInto(sortNames, sortValues);
    const out: Labels = {};
    for (let i = 0; i < k; i++) out[sortNames[i]!] = sortValues[i]!;
    return out;
  }

  /**
   * All labels (as collect lists them) sorted by name into names/values, without building an
   * object (a scanner that ships labels flat); the count. Equal names stay in list order, next
   * to each other: an object built from them keeps the first place and the last value.
   */
  sortedInto(names: string[], values: string[]): number {
    const del = this.del;
    let k = 0;
    for (const name of this.baseNames) {
      if ((del.length > 0 && del.includes(name)) || this.parsedIndex(name) >= 0) continue;
      names[k] = name;
      values[k++] = this.base[name]!;
    }
    const sorted = k;
    for (let i = 0; i < this.n; i++) {
      names[k] = this.names[i]!;
      values[k++] = this.values[i]!;
    }
    if (this.err !== '') {
      names[k] = ERROR_LABEL;
      values[k++] = this.err;
    }
    if (this.errDetails !== '') {
      names[k] = ERROR_DETAILS_LABEL;
      values[k++] = this.errDetails;
    }
    // Base names come sorted and the others are few: a (stable) insertion sort of those.
    for (let i = sorted; i < k; i++) {
      const n = names[i]!;
      const v = values[i]!;
      let j = i;
      while (j > 0 && names[j - 1]! > n) {
        names[j] = names[j - 1]!;
        values[j] = values[j - 1]!;
        j--;
      }
      names[j] = n;
      values[j] = v;
    }
    return k;
  }
}

/** Scratch arrays for toLabels (single-threaded, not reentrant). */
const sortNames: string[] = [];
const sortValues: string[] = [];
