/**
 * Stage types by name, as Promtail's stages.New switches on them. Each group lists its
 * stage definitions (one stage per file under stages/).
 */
import { EXTRACT_STAGES } from './stages/extract-group';
import { FLOW_STAGES } from './stages/flow-group';
import type { StageDefinition } from './types';

export const STAGES: ReadonlyMap<string, StageDefinition<unknown>> = new Map(
  [...EXTRACT_STAGES, ...FLOW_STAGES].map((d) => [d.type, d as StageDefinition<unknown>]),
);
