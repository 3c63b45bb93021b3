/**
 * line_format, label_format, drop, keep and decolorize, after Loki's fmt.go, drop_labels.go and
 * keep_labels.go. Templates come through the injected template engine; a failing template sets
 * __error__=TemplateFormatErr and leaves the line (or label) as it was.
 */
import type { LabelFormatOp, NamedLabel } from '../../../shared/logql/ast';
import { ERROR_DETAILS_LABEL, ERROR_LABEL, type LabelsBuilder } from './labels-builder';
import { promMatcher, type ValueTest } from './matchers';
import type { CompiledTemplate, LogqlPorts } from './ports';
import { ERR_TEMPLATE, type Built, type Stage } from './stage';

/** `{{.name}}` alone: Loki then reads the label directly (no error labels, missing → empty line). */
const SIMPLE_KEY = /^\{\{(?:-[ \t\r\n])?[ \t\r\n]*\.([\p{L}_][\p{L}\p{N}_]*)[ \t\r\n]*(?:[ \t\r\n]-)?\}\}$/u;

export function lineFormat(text: string, ports: LogqlPorts): Built<Stage> {
  const compiled = ports.compileTemplate('line', text);
  if (!compiled.ok) return { ok: false, error: `invalid line template: ${compiled.error}` };
  const template = compiled.template;
  const simpleKey = SIMPLE_KEY.exec(text)?.[1];
  if (simpleKey !== undefined) {
    return { ok: true, value: { process: (_ts, _line, lbs) => lbs.get(simpleKey) ?? '' } };
  }
  return {
    ok: true,
    value: {
      process(ts, line, lbs) {
        const r = template.execute(lbs.toMap(), { line, timestampNs: ts });
        if (!r.ok) {
          lbs.setError(ERR_TEMPLATE, r.error);
          return line;
        }
        return r.text;
      },
    },
  };
}

type Format = { kind: 'rename'; dst: string; src: string } | { kind: 'template'; dst: string; template: CompiledTemplate };

export function labelFormat(ops: LabelFormatOp[], ports: LogqlPorts): Built<Stage> {
  const seen = new Set<string>();
  for (const op of ops) {
    if (op.dst === ERROR_LABEL) return { ok: false, error: `${op.dst} cannot be formatted` };
    if (seen.has(op.dst)) return { ok: false, error: `multiple label name '${op.dst}' not allowed in a single format operation` };
    seen.add(op.dst);
  }
  const formats: Format[] = [];
  for (const op of ops) {
    if (op.kind === 'rename') {
      formats.push({ kind: 'rename', dst: op.dst, src: op.src });
      continue;
    }
    const compiled = ports.compileTemplate('label', op.template);
    if (!compiled.ok) return { ok: false, error: `invalid template for label '${op.dst}': ${compiled.error}` };
    formats.push({ kind: 'template', dst: op.dst, template: compiled.template });
  }
  return {
    ok: true,
    value: {
      process(ts, line, lbs) {
        // One label map per stage, taken at the first template: later templates of the same
        // stage see the labels as they were then (Loki reuses the map while it is non-empty).
        let data: Record<string, string> | null = null;
        for (const f of formats) {
          if (f.kind === 'rename') {
            const v = lbs.get(f.src);
            if (v !== undefined) {
              lbs.set(f.dst, v);
              lbs.delete(f.src);
            }
            continue;
          }
          if (data === null || Object.keys(data).length === 0) data = lbs.toMap();
          const r = f.template.execute(data, { line, timestampNs: ts });
          if (!r.ok) {
            lbs.setError(ERR_TEMPLATE, r.error);
            continue;
          }
          lbs.set(f.dst, r.text);
        }
        return line;
      },
    },
  };
}

type Named = { name: string; test: ValueTest | null };

function namedLabels(labels: NamedLabel[], ports: LogqlPorts): Built<Named[]> {
  const out: Named[] = [];
  for (const l of labels) {
    if (!l.matcher) {
      out.push({ name: l.name, test: null });
      continue;
    }
    const t = promMatcher(l.matcher, ports.regex);
    if (!t.ok) return t;
    out.push({ name: l.matcher.name, test: t.value });
  }
  return { ok: true, value: out };
}

function dropOne(l: Named, lbs: LabelsBuilder): void {
  if (l.name === ERROR_LABEL) {
    if (!l.test || l.test(lbs.err)) lbs.err = '';
    return;
  }
  if (l.name === ERROR_DETAILS_LABEL) {
    if (!l.test || l.test(lbs.errDetails)) lbs.errDetails = '';
    return;
  }
  const v = lbs.get(l.name);
  if (l.test ? l.test(v ?? '') : v !== undefined) lbs.delete(l.name);
}

export function dropLabels(labels: NamedLabel[], ports: LogqlPorts): Built<Stage> {
  const named = namedLabels(labels, ports);
  if (!named.ok) return named;
  const list = named.value;
  return {
    ok: true,
    value: {
      process(_ts, line, lbs) {
        for (const l of list) dropOne(l, lbs);
        return line;
      },
    },
  };
}

const SPECIAL = new Set([ERROR_LABEL, ERROR_DETAILS_LABEL, '__preserve_error__']);

export function keepLabels(labels: NamedLabel[], ports: LogqlPorts): Built<Stage> {
  const named = namedLabels(labels, ports);
  if (!named.ok) return named;
  const list = named.value;
  return {
    ok: true,
    value: {
      process(_ts, line, lbs) {
        if (list.length === 0) return line;
        for (const [name, value] of lbs.entries()) {
          if (SPECIAL.has(name)) continue;
          const keep = list.some((l) => (l.test ? l.name === name && l.test(value) : l.name === name));
          if (!keep) lbs.delete(name);
        }
        return line;
      },
    },
  };
}

/** Loki's ANSI escape pattern, run through the regex port (Go semantics, linear time). */
export const ANSI_PATTERN = '[\\x{1B}\\x{9B}][[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\\x{07})|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))';

export function decolorize(ports: LogqlPorts): Built<Stage> {
  const compiled = ports.regex.compile(ANSI_PATTERN);
  if (!compiled.ok) return { ok: false, error: compiled.error };
  const re = compiled.regex;
  return {
    ok: true,
    value: {
      process(_ts, line) {
        if (!line.includes('\x1b') && !line.includes('\x9b')) return line;
        let out = '';
        let at = 0;
        for (const m of re.matchAll(line)) {
          out += line.slice(at, m.start);
          at = m.end;
        }
        return out + line.slice(at);
      },
    },
  };
}
