// An alert without `for` fires at the first evaluation where its expression returns a series:
// one odd scrape or a short spike pages someone. Usually intended only for absent()-style
// alerts, hence info.

import { durationText } from './fix';
import type { Finding, Lint, LintInput } from './types';

function check(input: LintInput): Finding[] {
  const { rule, text } = input;
  if (rule.kind !== 'alerting' || rule.forNode || !rule.nameNode) return [];
  const forText = durationText(Math.max(5 * 60_000, 2 * input.intervalMs));
  const first = Math.min(...[...rule.keys.values()].map((k) => k.offset));
  const firstKey = [...rule.keys.values()].find((k) => k.offset === first)!;
  // A new `for:` line above the rule's first key, at its indentation (a flow map gets `for: …, `).
  const lineStart = text.lastIndexOf('\n', first - 1) + 1;
  const blockKey = /^[\s-]*$/.test(text.slice(lineStart, first));
  const edit = blockKey
    ? { line: firstKey.pos.line, column: firstKey.pos.column, endLine: firstKey.pos.line, endColumn: firstKey.pos.column, text: `for: ${forText}\n${' '.repeat(firstKey.pos.column - 1)}` }
    : { line: firstKey.pos.line, column: firstKey.pos.column, endLine: firstKey.pos.line, endColumn: firstKey.pos.column, text: `for: ${forText}, ` };
  // Written as `for:` then the first key; when that first key follows `- `, the dash stays first.
  return [{
    code: 'missing-for',
    severity: 'info',
    message: `alert ${rule.name} has no "for": it fires at the first evaluation where its expression returns a series, so a single odd sample pages; add for: ${forText} (or more) unless that is intended`,
    ...rule.nameNode.range,
    fix: { title: `Add for: ${forText}`, edits: [edit] },
  }];
}

export const missingFor: Lint = { code: 'missing-for', summary: 'alert without `for`', check };
