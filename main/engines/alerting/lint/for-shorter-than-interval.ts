// `for` counts from the evaluation where the alert became pending and is only looked at on the
// next evaluation: a `for` shorter than the group's interval behaves as one interval.

import { durationText } from './fix';
import type { Finding, Lint, LintInput } from './types';

function check(input: LintInput): Finding[] {
  const { rule, intervalMs } = input;
  if (rule.kind !== 'alerting' || !rule.forNode || rule.forMs === null || rule.forMs === 0 || rule.forMs >= intervalMs) return [];
  const every = durationText(intervalMs);
  return [{
    code: 'for-shorter-than-interval',
    severity: 'warning',
    message: `for: ${rule.forNode.value} is shorter than the evaluation interval (${every}): the alert is only checked again ${every} later, so it fires after ${every}, not ${rule.forNode.value}`,
    ...rule.forNode.range,
    fix: { title: `Set for: ${every}`, edits: [{ ...rule.forNode.range, text: every }] },
  }];
}

export const forShorterThanInterval: Lint = { code: 'for-shorter-than-interval', summary: '`for` shorter than the evaluation interval', check };
