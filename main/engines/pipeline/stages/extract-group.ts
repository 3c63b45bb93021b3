import type { StageDefinition } from '../types';
import { criStage } from './cri';
import { decolorizeStage } from './decolorize';
import { dockerStage } from './docker';
import { jsonStage } from './json';
import { labelallowStage } from './labelallow';
import { labeldropStage } from './labeldrop';
import { labelsStage } from './labels';
import { logfmtStage } from './logfmt';
import { metricsStage } from './metrics';
import { outputStage } from './output';
import { packStage } from './pack';
import { regexStage } from './regex';
import { replaceStage } from './replace';
import { staticLabelsStage } from './static-labels';
import { nonIndexedLabelsStage, structuredMetadataStage } from './structured-metadata';
import { templateStage } from './template';
import { tenantStage } from './tenant';

/** Parsing, labels and formatting stages (regex, json, logfmt, replace, template, labels…, metrics). */
export const EXTRACT_STAGES: StageDefinition<never>[] = [
  regexStage,
  jsonStage,
  logfmtStage,
  replaceStage,
  templateStage,
  labelsStage,
  labelallowStage,
  labeldropStage,
  staticLabelsStage,
  structuredMetadataStage,
  nonIndexedLabelsStage,
  outputStage,
  packStage,
  decolorizeStage,
  tenantStage,
  criStage,
  dockerStage,
  metricsStage,
] as unknown as StageDefinition<never>[];
