import type { StageDefinition } from '../types';

/** Parsing, labels and formatting stages (regex, json, logfmt, replace, template, labels…, metrics). */
export const EXTRACT_STAGES: StageDefinition<never>[] = [];
