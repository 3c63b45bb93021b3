/**
 * Promtail's `pipeline_stages` as data: each stage type, its config keys and their docs
 * (from the Promtail stage reference). Completion and hover read only this table, so a
 * stage the server learns is one entry here.
 */
export interface SchemaNode {
  doc: string;
  /** Known keys of a map. */
  keys?: Record<string, SchemaNode>;
  /** A map whose keys are the user's (label names, metric names): every value is this. */
  anyKey?: SchemaNode;
  /** The value is a list of these (a stage list holds STAGE_ITEM). */
  items?: SchemaNode;
  /** The values a scalar takes, offered after `key: `. */
  values?: string[];
}

const leaf = (doc: string): SchemaNode => ({ doc });
const source = leaf('Name from the extracted map to read instead of the log line. Default: the line.');

const metricConfig: SchemaNode = {
  doc: 'What the metric does with each matching line.',
  keys: {
    action: { doc: 'Counter: `inc` or `add`. Gauge: `set`, `inc`, `dec`, `add` or `sub`.', values: ['inc', 'add', 'set', 'dec', 'sub'] },
    value: leaf('Counter/Gauge: count only lines whose source value equals this.'),
    match_all: leaf('Counter: count every line that reaches the stage (no source needed).'),
    count_entry_bytes: leaf('Counter with match_all: add the line length in bytes instead of 1.'),
    buckets: leaf('Histogram: bucket upper bounds, e.g. [0.1, 0.5, 1, 5].'),
  },
};

const metric: SchemaNode = {
  doc: 'A metric this stage defines (its key is the metric name, prefixed promtail_custom_).',
  keys: {
    type: { doc: '`Counter`, `Gauge` or `Histogram`.', values: ['Counter', 'Gauge', 'Histogram'] },
    description: leaf('The HELP text of the metric.'),
    source: leaf('Key in the extracted map to read. Default: the metric name.'),
    prefix: leaf('Name prefix. Default: promtail_custom_.'),
    max_idle_duration: leaf('Drop a series not updated for this long. Default: 5m.'),
    config: metricConfig,
  },
};

export const STAGE_SCHEMA: Record<string, SchemaNode> = {
  regex: {
    doc: 'Extracts named capture groups `(?P<name>…)` of an RE2 expression into the extracted map.',
    keys: { expression: leaf('RE2 expression; every named group becomes an extracted key.'), source },
  },
  json: {
    doc: 'Parses the line (or source) as JSON and extracts values by JMESPath.',
    keys: { expressions: { doc: 'extracted key: JMESPath expression (empty: the key itself).', anyKey: leaf('JMESPath expression.') }, source, drop_malformed: leaf('Drop lines that are not valid JSON.') },
  },
  logfmt: {
    doc: 'Parses the line (or source) as logfmt and extracts the mapped keys.',
    keys: { mapping: { doc: 'extracted key: logfmt key (empty: the same name).', anyKey: leaf('logfmt key.') }, source },
  },
  replace: {
    doc: 'Replaces what an RE2 expression matches (its groups, or all of it) with a template.',
    keys: { expression: leaf('RE2 expression; named groups are also extracted.'), source, replace: leaf('Go template for the replacement.') },
  },
  template: {
    doc: 'Sets an extracted value from a Go template over the extracted map.',
    keys: { source: leaf('Extracted key to set (created if missing).'), template: leaf('Go template; `.Value` is the current value.') },
  },
  labels: { doc: 'Turns extracted values into labels: label name: extracted key (empty: same name).', anyKey: leaf('Extracted key (empty: the label name).') },
  labelallow: { doc: 'Keeps only the listed labels.' },
  labeldrop: { doc: 'Removes the listed labels.' },
  static_labels: { doc: 'Adds fixed labels: name: value.', anyKey: leaf('Label value.') },
  structured_metadata: { doc: 'Attaches extracted values as structured metadata: name: extracted key.', anyKey: leaf('Extracted key (empty: same name).') },
  timestamp: {
    doc: 'Sets the entry timestamp from an extracted value.',
    keys: {
      source: leaf('Extracted key holding the time.'),
      format: leaf('Go reference layout (`2006-01-02T15:04:05Z07:00`) or RFC3339, Unix, UnixMs, UnixUs, UnixNs…'),
      fallback_formats: leaf('Layouts tried when `format` fails.'),
      location: leaf('IANA time zone for layouts without one.'),
      action_on_failure: { doc: '`fudge` (default: previous timestamp + 1ns) or `skip`.', values: ['fudge', 'skip'] },
    },
  },
  output: { doc: 'Replaces the log line with an extracted value.', keys: { source: leaf('Extracted key whose value becomes the line.') } },
  tenant: { doc: 'Sets the tenant id for the entry.', keys: { source: leaf('Extracted key with the tenant.'), label: leaf('Label with the tenant.'), value: leaf('Fixed tenant.') } },
  metrics: { doc: 'Defines Prometheus metrics from extracted values: metric name: definition.', anyKey: metric },
  match: {
    doc: 'Runs nested stages (or drops) only for entries whose labels match a LogQL selector.',
    keys: {
      selector: leaf('LogQL stream selector, optionally with line filters: `{app="x"} |= "err"`.'),
      stages: { doc: 'Stages run on matching entries.' },
      action: { doc: '`keep` (default: run the stages) or `drop` (drop matching entries).', values: ['keep', 'drop'] },
      pipeline_name: leaf('Name used in the dropped-lines metric.'),
      drop_counter_reason: leaf('Reason label when action is drop. Default: match_stage.'),
    },
  },
  drop: {
    doc: 'Drops entries matching all the given conditions.',
    keys: {
      source: leaf('Extracted key (or list of keys) to test.'),
      separator: leaf('Joins several source values before matching. Default: ;'),
      expression: leaf('RE2 expression the value (or line) must match.'),
      value: leaf('Exact value to match (not with expression).'),
      older_than: leaf('Drop entries older than this duration.'),
      longer_than: leaf('Drop lines longer than this many bytes (e.g. 8KB).'),
      drop_counter_reason: leaf('Reason label of the dropped-lines metric. Default: drop_stage.'),
    },
  },
  limit: {
    doc: 'Rate-limits entries (token bucket), dropping or holding the excess.',
    keys: { rate: leaf('Lines per second.'), burst: leaf('Bucket size.'), drop: leaf('Drop excess lines instead of waiting.'), by_label_name: leaf('One bucket per value of this label.'), max_distinct_labels: leaf('Bound on buckets with by_label_name.') },
  },
  sampling: { doc: 'Keeps a random fraction of entries.', keys: { rate: leaf('Fraction kept, 0 to 1.'), drop_counter_reason: leaf('Reason label for dropped lines.') } },
  multiline: {
    doc: 'Joins lines into one entry: a new entry starts at each line matching firstline.',
    keys: { firstline: leaf('RE2 expression of the first line of an entry.'), max_wait_time: leaf('Flush a pending entry after this long. Default: 3s.'), max_lines: leaf('Flush after this many lines. Default: 128.') },
  },
  pack: { doc: 'Packs labels and the line into a JSON line.', keys: { labels: leaf('Labels to move into the packed line.'), ingest_timestamp: leaf('Use the time of packing (default true).') } },
  decolorize: { doc: 'Strips ANSI colour codes from the line.' },
  docker: { doc: 'Parses Docker JSON log lines (log, stream, time).' },
  cri: { doc: 'Parses CRI log lines (time, stream, flags, content).', keys: { max_partial_lines: leaf('Bound on buffered partial lines.'), max_partial_line_size: leaf('Bound on the size of a joined line.'), max_partial_line_size_truncate: leaf('Truncate instead of dropping.') } },
};

/** Keys of a whole Promtail config down to the pipeline, for completing around it. */
export const PROMTAIL_SCHEMA: SchemaNode = {
  doc: 'A Promtail config.',
  keys: {
    server: leaf('HTTP/gRPC server settings.'),
    clients: leaf('Where to push logs (Loki URLs).'),
    positions: leaf('Where read positions are saved.'),
    scrape_configs: leaf('What to scrape and how to process it.'),
    pipeline_stages: { doc: 'A bare stage list.' },
  },
};

export const SCRAPE_CONFIG_SCHEMA: SchemaNode = {
  doc: 'One scrape job.',
  keys: {
    job_name: leaf('Name of the scrape job.'),
    static_configs: leaf('Targets and labels; `__path__` globs the files to tail.'),
    pipeline_stages: { doc: 'Stages applied to every line of this job.' },
    relabel_configs: leaf('Prometheus relabelling of discovered targets.'),
    journal: leaf('Read the systemd journal.'),
    syslog: leaf('Receive syslog.'),
  },
};

/** One item of a stage list: a map whose single key is the stage type. */
export const STAGE_ITEM: SchemaNode = { doc: 'A pipeline stage.', keys: STAGE_SCHEMA };

// Wired after the fact: match nests stage lists, so the table is recursive.
STAGE_SCHEMA.match!.keys!.stages!.items = STAGE_ITEM;
SCRAPE_CONFIG_SCHEMA.keys!.pipeline_stages!.items = STAGE_ITEM;
PROMTAIL_SCHEMA.keys!.pipeline_stages!.items = STAGE_ITEM;
PROMTAIL_SCHEMA.keys!.scrape_configs!.items = SCRAPE_CONFIG_SCHEMA;

/**
 * The schema node at a YAML path ('-' = a list item). A path starting with '-' is a bare
 * stage list; one starting with a key is a Promtail config. Null: outside what we know.
 */
export function nodeAt(path: readonly string[]): SchemaNode | null {
  if (path.length === 0) return null;
  let node: SchemaNode | undefined = path[0] === '-' ? STAGE_ITEM : PROMTAIL_SCHEMA;
  for (const seg of path[0] === '-' ? path.slice(1) : path) {
    if (!node) return null;
    node = seg === '-' ? node.items : (node.keys?.[seg] ?? node.anyKey);
  }
  return node ?? null;
}

/** The node whose keys are offered at a key position under `path` (the root included). */
export function mapAt(path: readonly string[]): SchemaNode | null {
  if (path.length === 0) return PROMTAIL_SCHEMA;
  return nodeAt(path);
}
