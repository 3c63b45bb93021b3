// `metric{label="value", …}` as written in promqltest loads/expectations and promtool
// `input_series.series` / `exp_samples.labels`. Returns the label set (the metric name as
// `__name__`) and the text after it (the values, for a load or eval line).

import { NotationError, readQuoted } from './go-string';

export type Labels = Record<string, string>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

export function parseSeriesDescriptor(text: string): { labels: Labels; rest: string } {
  const labels: Labels = {};
  let i = skipSpaces(text, 0);
  const name = NAME.exec(text.slice(i));
  if (name) {
    labels.__name__ = name[0];
    i += name[0].length;
  }
  if (text[i] === '{') {
    i = readMatchers(text, i + 1, labels);
  } else if (!name) {
    throw new NotationError(`expected a metric name or {: ${JSON.stringify(text)}`);
  }
  if (i < text.length && !/\s/.test(text[i]!)) throw new NotationError(`unexpected ${JSON.stringify(text[i])} after the series`);
  return { labels, rest: text.slice(i).trim() };
}

/** Reads `a="x", "quoted.name"="y", "metric.name"}` from after `{`; returns the index after `}`. */
function readMatchers(text: string, from: number, labels: Labels): number {
  let i = skipSpaces(text, from);
  while (text[i] !== '}') {
    if (i >= text.length) throw new NotationError('unterminated {');
    let labelName: string;
    if (text[i] === '"' || text[i] === "'" || text[i] === '`') {
      const q = readQuoted(text, i);
      i = skipSpaces(text, q.end);
      // A lone quoted string inside braces is the (UTF-8) metric name, as Prometheus 3 allows.
      if (text[i] === ',' || text[i] === '}') {
        labels.__name__ = q.value;
        i = text[i] === ',' ? skipSpaces(text, i + 1) : i;
        continue;
      }
      labelName = q.value;
    } else {
      const m = LABEL_NAME.exec(text.slice(i));
      if (!m) throw new NotationError(`expected a label name at ${JSON.stringify(text.slice(i, i + 10))}`);
      labelName = m[0];
      i = skipSpaces(text, i + m[0].length);
    }
    if (text[i] !== '=') throw new NotationError(`expected = after label ${labelName}`);
    const value = readQuoted(text, skipSpaces(text, i + 1));
    if (labelName in labels) throw new NotationError(`duplicate label ${labelName}`);
    labels[labelName] = value.value;
    i = skipSpaces(text, value.end);
    if (text[i] === ',') i = skipSpaces(text, i + 1);
    else if (text[i] !== '}') throw new NotationError(`expected , or } after label ${labelName}`);
  }
  return i + 1;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** A canonical, order-independent key for a label set, used to match series as sets. */
export function labelsKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

/** `{a="1", b="2"}` with sorted names, for messages. */
export function formatLabels(labels: Labels): string {
  const { __name__: name, ...rest } = labels;
  const inner = Object.keys(rest).sort().map((k) => `${k}=${JSON.stringify(rest[k])}`).join(', ');
  return `${name ?? ''}{${inner}}`;
}
