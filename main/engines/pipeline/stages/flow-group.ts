import type { StageDefinition } from '../types';
import { dropStage } from './drop';
import { limitStage } from './limit';
import { matchStage } from './match';
import { multilineStage } from './multiline';
import { samplingStage } from './sampling';
import { timestampStage } from './timestamp';

/** Stages that decide which entries go on and when (timestamp, match, drop, limit, sampling, multiline). */
export const FLOW_STAGES: StageDefinition<never>[] = [timestampStage, matchStage, dropStage, limitStage, samplingStage, multilineStage] as unknown as StageDefinition<never>[];
