import { toAppError } from '../../shared/model/app-error';
import { createServices, type Services } from '../host/create-services';
import { pipelineUsage, pipelineVerb } from './verbs/pipeline';
import { queryUsage, queryVerb } from './verbs/query';
import { rulesUsage, rulesVerb } from './verbs/rules';
import { streamsUsage, streamsVerb } from './verbs/streams';

/**
 * `vigie VERB …`: the headless face of the same services the app uses. Exit codes:
 * 0 ok, 1 the work found problems (unreadable files…), 2 bad usage or input.
 */
const USAGE = `usage: vigie <verb> [options]

verbs:
  streams PATH   list the streams of a folder or file, with line counts and time spans
  query QUERY    run a LogQL log query over files: vigie query '{job="x"} |= "error"' --from PATH
  pipeline       run a Promtail pipeline over files: vigie pipeline --config promtail.yaml [--inspect] [--metrics]
  rules          alerting rules: vigie rules test|lint|backtest FILE… (see vigie rules --help)
  help [VERB]    show help

The conformance report of the engines: npm run conformance [-- --suite FAMILY] [--dir PATH] [--verbose]`;

type Verb = (argv: string[], services: Services, out: (s: string) => void, err: (s: string) => void) => Promise<number>;
const VERBS: Record<string, { usage: string; run: Verb }> = {
  streams: { usage: streamsUsage, run: streamsVerb },
  query: { usage: queryUsage, run: queryVerb },
  rules: { usage: rulesUsage, run: (argv, services, out, err) => rulesVerb(argv, services, out, err) },
  pipeline: { usage: pipelineUsage, run: pipelineVerb },
};

export async function runCli(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    const topic = verb === 'help' && rest[0] ? VERBS[rest[0]] : undefined;
    out((topic ? topic.usage : USAGE) + '\n');
    return 0;
  }
  const entry = VERBS[verb];
  if (!entry) {
    err(`vigie: unknown verb "${verb}"\n\n${USAGE}\n`);
    return 2;
  }
  const services = createServices({ mode: 'cli' });
  try {
    return await entry.run(rest, services, out, err);
  } catch (e) {
    const error = toAppError(e);
    const where = error.where?.path ? ` (${error.where.path})` : '';
    err(`vigie ${verb}: ${error.message}${error.message.includes(error.where?.path ?? '\0') ? '' : where}\n`);
    return error.code === 'bad_input' ? 2 : 1;
  } finally {
    await services.dispose();
  }
}
