/** Parser stages from the syntax tree: json, logfmt, regexp, pattern, unpack. */
import type { ParserStage } from '../../../shared/logql/ast';
import { patternParser, regexpParser } from './capture-parsers';
import { jsonExpressionParser, jsonParser, unpackParser } from './json-parser';
import { logfmtExpressionParser, logfmtParser } from './logfmt';
import type { LogqlPorts } from './ports';
import type { Built, Stage } from './stage';

/** Errors starting "invalid …" are Loki's parse-time parser errors; others are stage errors. */
export function capturedParsers(s: ParserStage, ports: LogqlPorts): Built<Stage> {
  switch (s.kind) {
    case 'json':
      return s.params.length === 0 ? { ok: true, value: jsonParser() } : jsonExpressionParser(s.params);
    case 'logfmt':
      return { ok: true, value: s.params.length === 0 ? logfmtParser(s.strict, s.keepEmpty) : logfmtExpressionParser(s.params, s.strict) };
    case 'regexp': {
      const r = regexpParser(s.pattern, ports.regex);
      return r.ok || r.error.startsWith('error parsing regexp') ? r : { ok: false, error: `invalid regexp parser: ${r.error}` };
    }
    case 'pattern': {
      const r = patternParser(s.pattern);
      return r.ok ? r : { ok: false, error: `invalid pattern parser: ${r.error}` };
    }
    case 'unpack':
      return { ok: true, value: unpackParser() };
  }
}
