import type { StageDefinition } from '../types';

/** Stages that decide which entries go on and when (timestamp, match, drop, limit, sampling, multiline). */
export const FLOW_STAGES: StageDefinition<never>[] = [];
