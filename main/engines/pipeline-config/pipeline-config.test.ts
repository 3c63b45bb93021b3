import { describe, expect, it } from 'vitest';
import { stageContext } from '../../services/pipeline/stage-context';
import { exportAlloy, exportPipeline, exportPromtail, importPipelineConfig, type PipelineConfig } from './index';
import { parseAlloy, type AlloyBlock } from './test-alloy-parser';
import { ISSUE_CONFIG } from './test-fixtures';


const ctx = () => stageContext();
const imported = (text: string): PipelineConfig => {
  const r = importPipelineConfig(text, ctx());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
};

describe('importing what users paste', () => {
  it('reads the issue config: job, __path__ glob, labels without __ ones, stages', () => {
    const r = importPipelineConfig(ISSUE_CONFIG, ctx());
    expect(r.ok && r.shape).toBe('promtail');
    expect(imported(ISSUE_CONFIG).jobs).toEqual([
      {
        name: 'system',
        paths: ['/var/log/*log'],
        labels: { job: 'varlogs', hostname: 'diaspodon.fr' },
        stages: [
          {
            match: {
              selector: '{job="varlogs"}',
              stages: [
                { regex: { expression: '.*(?P<error_message>error_message.*)' } },
                { metrics: { error_total: { type: 'Counter', description: 'total count of errors', source: 'error_message', config: { action: 'inc' } } } },
              ],
            },
          },
        ],
      },
    ]);
  });

  it('accepts a bare stage list and a map with pipeline_stages', () => {
    const list = importPipelineConfig('- json: {expressions: {level: null}}\n- labels: {level:}\n', ctx());
    expect(list.ok && list.shape).toBe('stages');
    const map = importPipelineConfig('pipeline_stages:\n- logfmt: {mapping: {lvl: level}}\n', ctx());
    expect(map.ok && map.shape).toBe('map');
    expect(map.ok && map.config.jobs[0]!.stages).toEqual([{ logfmt: { mapping: { lvl: 'level' } } }]);
  });
});

describe('round trip: import(export(x)) equals x', () => {
  const cases: Record<string, string> = {
    issue: ISSUE_CONFIG,
    'bare list': '- regex:\n    expression: "^(?P<ts>\\\\S+) (?P<msg>.*)$"\n- timestamp: {source: ts, format: RFC3339}\n- output: {source: msg}\n',
    'several jobs and paths': `scrape_configs:
- job_name: a
  static_configs:
  - {targets: [localhost], labels: {__path__: /x/*.log, env: "01", team: ops}}
  - {targets: [localhost], labels: {__path__: /y/**/*.txt, env: "01", team: ops}}
  pipeline_stages: [{drop: {source: [a, b], separator: ':', value: 'x;y'}}, {labelallow: [env]}]
- job_name: b
  pipeline_stages:
  - multiline: {firstline: '^\\d{4}', max_wait_time: 3s}
  - limit: {rate: 10, burst: 20, drop: true}
`,
  };
  it.each(Object.entries(cases))('%s', (_name, text) => {
    const x = imported(text);
    expect(imported(exportPromtail(x))).toEqual(x);
  });
});

/** Alloy's loki.process argument and block names, per stage (internal/component/loki/process/stages/*.go). */
const ALLOY_ARGS: Record<string, string[]> = {
  'stage.match': ['selector', 'action', 'pipeline_name', 'drop_counter_reason'],
  'stage.regex': ['expression', 'source', 'labels_from_groups'],
  'stage.json': ['expressions', 'source', 'drop_malformed'],
  'stage.logfmt': ['mapping', 'source'],
  'stage.drop': ['source', 'separator', 'expression', 'value', 'older_than', 'longer_than', 'drop_counter_reason'],
  'stage.limit': ['rate', 'burst', 'drop', 'by_label_name', 'max_distinct_labels'],
  'stage.multiline': ['firstline', 'max_lines', 'max_wait_time'],
  'stage.timestamp': ['source', 'format', 'fallback_formats', 'location', 'action_on_failure'],
  'stage.labels': ['values'],
  'stage.label_keep': ['values'],
  'stage.label_drop': ['values'],
  'stage.static_labels': ['values'],
  'stage.structured_metadata': ['values'],
  'stage.output': ['source'],
  'stage.template': ['source', 'template'],
  'stage.replace': ['expression', 'source', 'replace'],
  'stage.tenant': ['label', 'source', 'value'],
  'stage.pack': ['labels', 'ingest_timestamp'],
  'stage.sampling': ['rate', 'drop_counter_reason'],
  'stage.metrics': [],
  'metric.counter': ['name', 'description', 'source', 'prefix', 'max_idle_duration', 'value', 'action', 'match_all', 'count_entry_bytes'],
  'metric.gauge': ['name', 'description', 'source', 'prefix', 'max_idle_duration', 'value', 'action'],
  'metric.histogram': ['name', 'description', 'source', 'prefix', 'max_idle_duration', 'value', 'buckets'],
  'stage.docker': [],
  'stage.cri': ['max_partial_lines', 'max_partial_line_size', 'max_partial_line_size_truncate'],
  'stage.decolorize': [],
};

function checkStages(blocks: AlloyBlock[]): void {
  for (const b of blocks) {
    expect(Object.keys(ALLOY_ARGS), `unknown block ${b.name}`).toContain(b.name);
    for (const a of Object.keys(b.attrs)) expect(ALLOY_ARGS[b.name], `${b.name}.${a}`).toContain(a);
    checkStages(b.blocks);
  }
}

describe('Alloy export', () => {
  it('writes the issue config as local.file_match + loki.source.file + loki.process with nested stage blocks', () => {
    const top = parseAlloy(exportAlloy(imported(ISSUE_CONFIG)));
    expect(top.map((b) => `${b.name} ${b.label}`)).toEqual(['local.file_match system', 'loki.source.file system', 'loki.process system', 'loki.write default']);
    expect(top[0]!.attrs.path_targets).toEqual([{ __path__: '/var/log/*log', job: 'varlogs', hostname: 'diaspodon.fr' }]);
    expect(top[1]!.attrs).toEqual({ targets: { ref: 'local.file_match.system.targets' }, forward_to: [{ ref: 'loki.process.system.receiver' }] });
    const proc = top[2]!;
    expect(proc.attrs.forward_to).toEqual([{ ref: 'loki.write.default.receiver' }]);
    const match = proc.blocks[0]!;
    expect(match.name).toBe('stage.match');
    // Quoting: the decoded strings are exactly the YAML's.
    expect(match.attrs.selector).toBe('{job="varlogs"}');
    expect(match.blocks.map((b) => b.name)).toEqual(['stage.regex', 'stage.metrics']);
    expect(match.blocks[0]!.attrs.expression).toBe('.*(?P<error_message>error_message.*)');
    expect(match.blocks[1]!.blocks[0]).toMatchObject({ name: 'metric.counter', attrs: { name: 'error_total', description: 'total count of errors', source: 'error_message', action: 'inc' } });
    checkStages(proc.blocks);
  });

  it('has a block with Alloy argument names for every stage type, and escapes strings', () => {
    const text = `pipeline_stages:
- cri: {}
- docker: {}
- decolorize: {}
- json: {expressions: {level: null, msg: "message"}, drop_malformed: true}
- logfmt: {mapping: {lvl: level}}
- regex: {expression: "^\\\\s*\\"(?P<q>[^\\"]+)\\"\\t"}
- replace: {expression: "(secret=)\\\\S+", replace: "\${1}***"}
- template: {source: msg, template: '{{ .Value | ToUpper }}'}
- labels: {level: null, app: application}
- labelallow: [level]
- labeldrop: [filename]
- static_labels: {env: prod}
- structured_metadata: {trace_id: null}
- non_indexed_labels: {span: null}
- timestamp: {source: time, format: RFC3339, fallback_formats: [UnixMs], location: Europe/Paris, action_on_failure: skip}
- output: {source: msg}
- pack: {labels: [level], ingest_timestamp: false}
- tenant: {value: team-a}
- drop: {source: [a, b], expression: "x.*", older_than: 24h, longer_than: 8KB, drop_counter_reason: too_old}
- limit: {rate: 5, burst: 10, drop: true, by_label_name: app, max_distinct_labels: 100}
- sampling: {rate: 0.25}
- multiline: {firstline: "^\\\\[", max_lines: 64, max_wait_time: 3s}
- metrics:
    lines: {type: Counter, config: {match_all: true, action: inc}}
    level_gauge: {type: Gauge, source: level, config: {action: set}}
    bytes: {type: Histogram, source: size, config: {buckets: [1, 10, 100]}}
- match: {selector: '{app="a"} |= "x"', action: drop, drop_counter_reason: noisy}
`;
    const r = exportPipeline(text, 'alloy', ctx());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const proc = parseAlloy(r.text).find((b) => b.name === 'loki.process')!;
    checkStages(proc.blocks);
    const by = (name: string) => proc.blocks.find((b) => b.name === name)!;
    expect(by('stage.regex').attrs.expression).toBe('^\\s*"(?P<q>[^"]+)"\t');
    expect(by('stage.replace').attrs.replace).toBe('${1}***');
    expect(by('stage.drop').attrs.source).toBe('a,b');
    expect(by('stage.labels').attrs.values).toEqual({ level: '', app: 'application' });
    expect(by('stage.label_keep').attrs.values).toEqual(['level']);
    expect(proc.blocks.filter((b) => b.name === 'stage.structured_metadata')).toHaveLength(2);
    expect(by('stage.metrics').blocks.map((b) => b.name)).toEqual(['metric.counter', 'metric.gauge', 'metric.histogram']);
    expect(by('stage.metrics').blocks[2]!.attrs.buckets).toEqual([1, 10, 100]);
    expect(by('stage.match').attrs).toEqual({ selector: '{app="a"} |= "x"', action: 'drop', drop_counter_reason: 'noisy' });
    expect(proc.blocks).toHaveLength(24); // one per stage above
  });
});

describe('positioned errors', () => {
  const errorsOf = (text: string) => {
    const r = importPipelineConfig(text, ctx());
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  };

  it('invalid YAML', () => {
    expect(errorsOf('pipeline_stages:\n- regex: {expression: "a"\n- json: {}\n')[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number), message: expect.stringMatching(/^invalid YAML/) });
    expect(errorsOf('pipeline_stages: []\npipeline_stages: []\n')[0]).toEqual({ line: 2, column: 1, message: 'invalid YAML: Map keys must be unique' });
  });

  it('unknown stage type at its key, also nested in match', () => {
    expect(errorsOf('pipeline_stages:\n  - json: {expressions: {a: b}}\n  - regexp: {expression: x}\n')).toEqual([
      { message: 'invalid regexp stage config: Unknown stage type: regexp', line: 3, column: 5 },
    ]);
    expect(errorsOf(ISSUE_CONFIG.replace('- regex:', '- rgx:'))).toEqual([{ message: 'invalid rgx stage config: Unknown stage type: rgx', line: 10, column: 9 }]);
  });

  it('bad regex at its stage, in Go words', () => {
    const [e] = errorsOf(ISSUE_CONFIG.replace('(?P<error_message>', '(?P<error_message'));
    expect(e).toMatchObject({ line: 10, column: 9 });
    expect(e!.message).toMatch(/^invalid regex stage config: could not compile regular expression: error parsing regexp: /);
  });

  it('bad timestamp stage config at its stage', () => {
    const text = '- regex: {expression: "(?P<t>\\\\S+)"}\n- timestamp:\n    source: t\n    format: ""\n- timestamp: {source: t, format: "2006-01-02", location: Mars/Olympus}\n';
    expect(errorsOf(text)).toEqual([
      { message: 'invalid timestamp stage config: timestamp format is required', line: 2, column: 3 },
      { message: 'invalid timestamp stage config: invalid location specified: unknown time zone Mars/Olympus', line: 5, column: 3 },
    ]);
  });

  it('an alias bomb is refused at its first alias', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [p, c] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) levels.push(`${c}: &${c} [${Array(9).fill(`*${p}`).join(',')}]`);
    const [e] = errorsOf(`${levels.join('\n')}\npipeline_stages: *g\n`);
    expect(e).toMatchObject({ line: 2, column: 8 }); // b: &b [*a
    expect(e!.message).toMatch(/alias bomb/);
  });

  it('a stage that is not a map, and a stage with two keys', () => {
    expect(errorsOf('- regex\n')[0]).toMatchObject({ line: 1, column: 3, message: expect.stringContaining('must end with a `:`') });
    expect(errorsOf('- json: {}\n  regex: {expression: a}\n')[0]).toMatchObject({ line: 1, column: 3, message: 'pipeline stage must contain only one key' });
  });
});
