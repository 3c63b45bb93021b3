// The report's text. The line format is a contract (scripts and CI grep it):
//   FAMILY/FILE passed P failed F unsupported U
//   total passed P failed F unsupported U

import type { CaseStatus, SuiteResult } from './model';

export type Counts = Record<CaseStatus, number>;

export function countOutcomes(result: SuiteResult): Counts {
  const counts: Counts = { passed: 0, failed: 0, unsupported: 0 };
  for (const c of result.cases) counts[c.outcome.status]++;
  return counts;
}

export function formatCounts(label: string, counts: Counts): string {
  return `${label} passed ${counts.passed} failed ${counts.failed} unsupported ${counts.unsupported}`;
}

/** One line per suite, then the total; verbose adds each failing case (and why), indented. */
export function formatReport(results: SuiteResult[], verbose: boolean): string[] {
  const lines: string[] = [];
  const total: Counts = { passed: 0, failed: 0, unsupported: 0 };
  for (const result of results) {
    const counts = countOutcomes(result);
    lines.push(formatCounts(`${result.family}/${result.name}`, counts));
    for (const k of Object.keys(total) as CaseStatus[]) total[k] += counts[k];
    if (!verbose) continue;
    for (const c of result.cases) {
      if (c.outcome.status === 'failed') lines.push(`  FAIL ${c.name}: ${oneLine(c.outcome.reason)}`);
    }
  }
  lines.push(formatCounts('total', total));
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ⏎ ');
}
