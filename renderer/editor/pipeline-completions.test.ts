import { describe, expect, it } from 'vitest';
import { completionsAt, hoverAt, pipelineCompletions } from './pipeline-completions';
import { STAGE_SCHEMA } from './pipeline-schema';

function labels(marked: string): string[] {
  const offset = marked.indexOf('|');
  return completionsAt(marked.slice(0, offset) + marked.slice(offset + 1), offset).map((c) => c.label);
}

describe('pipelineCompletions', () => {
  it('offers stage names in a stage list, at any depth', () => {
    const stages = Object.keys(STAGE_SCHEMA);
    expect(labels('- |')).toEqual(stages);
    expect(labels('- match:\n    stages:\n    - |')).toEqual(stages);
    expect(labels('scrape_configs:\n- job_name: a\n  pipeline_stages:\n  - re|')).toEqual(stages);
    expect(pipelineCompletions({ path: ['-'], kind: 'key', key: null, partial: 're', partialFrom: 2 })[0]).toMatchObject({ kind: 'stage', range: { from: 2, to: 4 } });
  });

  it('offers the keys of the stage under the cursor', () => {
    expect(labels('- regex:\n    |')).toEqual(['expression', 'source']);
    expect(labels('- regex: {|')).toEqual(['expression', 'source']);
    expect(labels('- match:\n    |')).toEqual(['selector', 'stages', 'action', 'pipeline_name', 'drop_counter_reason']);
    expect(labels('- metrics:\n    errors:\n      |')).toContain('config');
    expect(labels('- metrics:\n    errors:\n      config:\n        |')).toContain('match_all');
  });

  it('offers the keys of a Promtail config around the pipeline', () => {
    expect(labels('|')).toContain('scrape_configs');
    expect(labels('scrape_configs:\n- |')).toContain('pipeline_stages');
  });

  it('offers enumerated values', () => {
    expect(labels('- metrics:\n    e:\n      type: |')).toEqual(['Counter', 'Gauge', 'Histogram']);
    expect(labels('- match:\n    action: |')).toEqual(['keep', 'drop']);
    expect(labels('- regex:\n    expression: |')).toEqual([]);
  });

  it('inserts a map key without a trailing space, a leaf key with one', () => {
    const items = completionsAt('- ', 2);
    expect(items.find((c) => c.label === 'regex')?.insertText).toBe('regex:');
    expect(completionsAt('- regex:\n    ', 13).find((c) => c.label === 'source')?.insertText).toBe('source: ');
  });
});

describe('hoverAt', () => {
  const text = '- match:\n    selector: x\n    stages:\n    - regex: {expression: "a"}\n';
  it('documents stage names and keys, flow keys included', () => {
    expect(hoverAt(text, 3)).toMatchObject({ title: 'match', from: 2, to: 7 });
    expect(hoverAt(text, text.indexOf('selector') + 2)?.doc).toContain('LogQL stream selector');
    expect(hoverAt(text, text.indexOf('regex') + 1)?.doc).toContain('named capture groups');
    expect(hoverAt(text, text.indexOf('expression') + 1)?.doc).toContain('RE2');
  });
  it('says nothing over values or unknown keys', () => {
    expect(hoverAt(text, text.indexOf('x\n'))).toBeNull();
    expect(hoverAt('- nope:\n', 3)).toBeNull();
  });
});
