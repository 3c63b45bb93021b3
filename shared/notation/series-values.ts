// The expanding notation of promqltest `load` blocks, range `eval` expectations and promtool
// `input_series.values`, with the exact counts of Prometheus' series grammar:
// `a+bxN` and `axN` give N+1 values (the extra one is the sample at time 0), `_xN` gives N
// missing samples, `_` one, `stale` a staleness marker. `{{…}}` native histograms are kept as
// opaque text: they are out of scope, but a load may still contain them.

import { NotationError } from './go-string';

export type SequenceValue =
  | { kind: 'float'; value: number }
  | { kind: 'stale' }
  | { kind: 'omitted' }
  | { kind: 'histogram'; text: string };

const NUM = String.raw`(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[iI][nN][fF]|[nN][aA][nN])`;
const FLOAT_ITEM = new RegExp(String.raw`^([+-]?${NUM}|stale)(?:([+-]${NUM})?x([0-9]+))?$`);
const BLANK_ITEM = /^_(?:x([0-9]+))?$/;

/** Parses a number as Go's strconv.ParseFloat does for the forms PromQL accepts. */
export function parseGoFloat(text: string): number {
  const t = text.toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  if (!/^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/.test(body)) throw new NotationError(`invalid number ${JSON.stringify(text)}`);
  return sign * Number(body);
}

export function expandSeriesValues(text: string): SequenceValue[] {
  const out: SequenceValue[] = [];
  for (const item of splitItems(text)) {
    if (item.startsWith('{{')) {
      const times = /x([0-9]+)$/.exec(item);
      const count = times ? Number(times[1]) + 1 : 1;
      for (let i = 0; i < count; i++) out.push({ kind: 'histogram', text: item });
      continue;
    }
    const blank = BLANK_ITEM.exec(item);
    if (blank) {
      const count = blank[1] === undefined ? 1 : Number(blank[1]);
      for (let i = 0; i < count; i++) out.push({ kind: 'omitted' });
      continue;
    }
    const m = FLOAT_ITEM.exec(item);
    if (!m) throw new NotationError(`invalid series value ${JSON.stringify(item)}`);
    const [, base, delta, times] = m;
    if (base === 'stale') {
      if (delta !== undefined) throw new NotationError(`a staleness marker cannot be incremented: ${JSON.stringify(item)}`);
      const count = times === undefined ? 1 : Number(times) + 1;
      for (let i = 0; i < count; i++) out.push({ kind: 'stale' });
      continue;
    }
    let value = parseGoFloat(base!);
    if (times === undefined) {
      out.push({ kind: 'float', value });
      continue;
    }
    const step = delta === undefined ? 0 : parseGoFloat(delta);
    // Accumulate like Prometheus does (value += step), so rounding matches theirs bit for bit.
    for (let i = 0; i <= Number(times); i++) {
      out.push({ kind: 'float', value });
      value += step;
    }
  }
  return out;
}

/** Splits on whitespace, keeping `{{ … }}` (which contains spaces) in one item. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) {
      if (text.startsWith('{{', j)) {
        const close = text.indexOf('}}', j);
        if (close < 0) throw new NotationError('unterminated native histogram {{');
        j = close + 2;
      } else {
        j++;
      }
    }
    items.push(text.slice(i, j));
    i = j;
  }
  return items;
}
