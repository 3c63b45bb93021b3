/** A PromQL parse error as Prometheus reports it: `1:5: parse error: …`. */
import type { Span } from './ast.js';
import { lineCol } from './tree.js';

export class PromqlParseError extends Error {
  constructor(readonly detail: string, readonly span: Span, text: string) {
    super(`${lineCol(text, span.start)}: parse error: ${detail}`);
  }
}
