// Every lint, in the order their findings are listed for a rule.

import type { Lint } from './types';

export const LINTS: readonly Lint[] = [];
