import type { StreamInfo } from '../../../shared/contract/sources';
import { formatLabels } from '../../../shared/model/labels';
import { AppFailure } from '../../../shared/model/app-error';
import type { Services } from '../../host/create-services';
import { parseArgv } from '../args';
import { formatTable, isoTime } from '../format-table';
import { settled, sshSourceOf } from './sources-setup';

export const streamsUsage = `vigie streams PATH [--glob GLOB] [--no-recursive] [--job NAME] [--output table|json]

Lists the streams (one per file) of a folder or a file, as Vigie labels them, with their
line counts and time spans. PATH may contain a glob: 'logs/**/*.log'. .gz is read transparently.
ssh://CONNECTION/PATH is a folder on the host of a saved SSH connection.`;


function describeStatus(s: StreamInfo): string {
  if (s.status.state === 'error') return `error: ${s.status.error.message}`;
  const notes = [s.format ?? (s.timestampSource === 'mtime' ? 'no timestamps: file mtime' : 'no timestamps')];
  if (s.assumedYear) notes.push(`year ${s.assumedYear.year} from ${s.assumedYear.from}`);
  return notes.join(', ');
}

export async function streamsVerb(argv: string[], services: Services, out: (s: string) => void): Promise<number> {
  const parsed = parseArgv(argv, { glob: 'string', recursive: 'boolean', job: 'string', output: 'string', help: 'boolean' });
  if (!parsed.ok) throw new AppFailure({ code: 'bad_input', message: `${parsed.error}\n\n${streamsUsage}` });
  if (parsed.flags.help) return out(streamsUsage + '\n'), 0;
  const [path, ...extra] = parsed.positionals;
  if (!path || extra.length) throw new AppFailure({ code: 'bad_input', message: `give exactly one PATH\n\n${streamsUsage}` });
  const output = (parsed.flags.output as string | undefined) ?? 'table';
  if (output !== 'table' && output !== 'json') throw new AppFailure({ code: 'bad_input', message: `--output must be table or json, not ${output}` });

  const ssh = await sshSourceOf(services, path);
  const source = await services.handlers['sources.add'](
    { ...(ssh ? { kind: 'ssh' as const, ...ssh } : { path }), glob: parsed.flags.glob as string | undefined, recursive: parsed.flags.recursive !== false, job: parsed.flags.job as string | undefined, follow: false },
    { signal: new AbortController().signal },
  );
  await settled(services);
  const streams = services.sources.snapshot().streams.filter((s) => s.sourceId === source.id).sort((a, b) => a.labels.filename!.localeCompare(b.labels.filename!));
  if (output === 'json') {
    out(JSON.stringify({ source: { ...source, streamIds: undefined }, streams: streams.map(({ id: _id, sourceId: _s, ...rest }) => rest) }, null, 2) + '\n');
  } else {
    const rows = streams.map((s) => [formatLabels(s.labels), s.lineCount.toLocaleString('en-US'), isoTime(s.first), isoTime(s.last), describeStatus(s)]);
    out(formatTable(['STREAM', 'LINES', 'FIRST', 'LAST', 'TIMESTAMPS'], rows) + '\n');
    for (const e of source.errors) out(`warning: ${e.message}\n`);
  }
  return streams.some((s) => s.status.state === 'error') || source.errors.length ? 1 : 0;
}
