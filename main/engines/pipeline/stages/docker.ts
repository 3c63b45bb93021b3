/**
 * docker: Docker's JSON log format, as Promtail composes it: json {output: log, stream: stream,
 * timestamp: time}, labels {stream}, timestamp {source: timestamp, format: RFC3339Nano}, output
 * {source: output} (stages/extensions.go NewDocker).
 */
import type { Stage, StageDefinition } from '../types';
import { buildInner, runInner } from './inner-pipeline';

const DOCKER = [
  { json: { expressions: { output: 'log', stream: 'stream', timestamp: 'time' } } },
  { labels: { stream: null } },
  { timestamp: { source: 'timestamp', format: 'RFC3339Nano' } },
  { output: { source: 'output' } },
];

export const dockerStage: StageDefinition<null> = {
  type: 'docker',
  validate() {
    return { ok: true, config: null };
  },
  create(_cfg, ctx, build): Stage {
    const inner = buildInner(DOCKER, ctx, build);
    return { type: 'docker', process: (entry) => runInner(inner, entry) };
  },
};
