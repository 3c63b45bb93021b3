// Monaco languages and their pure parts. LogQL: cursor situation → completions, highlighting
// from the lezer tree, splices at tree positions, server markers. The Monaco-bound pieces
// (monaco.ts, logql-language.ts, QueryEditor.tsx) are imported lazily by the pages that show
// an editor, so this index stays free of Monaco. PromQL and YAML schemas will join here.
export { cursorSituation, type Situation } from './logql-situation';
export { completionsFor, type Completion, type CompletionData } from './logql-completions';
export { highlightSpans, semanticTokenData, NODE_CLASSES, TOKEN_CLASSES } from './logql-highlight';
export { addLabelFilter, appendStage, pipelineEnds } from './logql-splice';
export { createChecker, markerSpan } from './logql-markers';
