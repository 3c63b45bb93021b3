// Every lint, in the order their findings are listed for a rule. Counter lints look at PromQL
// only (LogQL counts lines, it has no counters); the others apply to Loki ruler groups too.

import { absentLabels } from './absent-labels';
import { counterThreshold } from './counter-threshold';
import { forShorterThanInterval } from './for-shorter-than-interval';
import { missingFor } from './missing-for';
import { rateOnGauge } from './rate-on-gauge';
import { templateError } from './template-error';
import type { Lint } from './types';
import { valueInLabel } from './value-in-label';

export const LINTS: readonly Lint[] = [counterThreshold, rateOnGauge, absentLabels, forShorterThanInterval, missingFor, valueInLabel, templateError];
