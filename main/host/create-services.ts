import type { VigieContract } from '../../shared/contract';
import type { Handlers } from '../../shared/rpc/define';
import { discoverFiles, openIndexedFile } from '../adapters/fs';
import { LogsService } from '../services/logs/logs-service';
import { SourceRegistry } from '../services/sources/source-registry';
import { throttledSnapshots } from '../services/sources/async-changes';
import { addPromtailSources } from '../services/sources/promtail-sources';
import { openSshHost } from '../services/sources/ssh-host';
import { packageVersion } from './app-paths';
import { checkQuery } from '../services/logql/check-query';
import { runLocalLogQuery } from '../services/logql/local-log-query';
import { runLocalMetricQuery } from '../services/metrics/local-metric-query';
import { runLogVolume } from '../services/metrics/log-volume';
import { exportPipelineConfig, runPipeline } from '../services/pipeline/pipeline-service';
import { checkRulesHandler } from '../services/alerts/check-rules';
import { runBacktest } from '../services/alerts/backtest-service';
import { runRulesTest } from '../services/alerts/unit-test';
import { createLiveService, liveHandlers } from '../services/live/live-handlers';
import { createLokiClient } from '../adapters/loki';
import type { LiveService } from '../services/live/live-service';
import { connectionHandlers, createConnectionService, type ConnectionsOptions } from '../services/connections';
import { prometheusRuleQuery, remoteHandlers } from '../services/remote/prometheus-queries';
import { createPrometheusClient } from '../adapters/prometheus';
import { alertmanagerHandlers } from '../services/remote/alertmanager-queries';
import { lokiHandlers } from '../services/remote-loki';

export interface ServicesOptions {
  mode: 'electron' | 'web' | 'cli' | 'test';
  cwd?: string;
  rescanMs?: number;
  /** Where the live state is saved (default: the user's config folder in electron and web mode; nothing saved in tests and the CLI). */
  configDir?: string;
  /** Where connections and their secrets live (Electron passes its safeStorage backend). */
  connections?: ConnectionsOptions;
}

export interface Services {
  handlers: Handlers<VigieContract>;
  sources: SourceRegistry;
  /** The live session: Electron's main process shows its notifications (live.hub) as system notifications. */
  live: LiveService;
  dispose(): Promise<void>;
}

/** The composition root: engines + adapters behind the contract's handlers. */
export function createServices(options: ServicesOptions): Services {
  const sources = new SourceRegistry({
    openFile: (path, o) => openIndexedFile(path, { follow: o.follow, workers: 2 }),
    discover: discoverFiles,
    cwd: options.cwd ?? process.cwd(),
    rescanMs: options.rescanMs,
    // SSH folders: one connection per saved SSH connection, shared by its sources.
    openSsh: async (id) => openSshHost(id, await connections.sshConfig(id)),
  });
  let generation = 0;
  sources.onChange(() => generation++);
  const logs = new LogsService({ stream: (id) => sources.stream(id), generation: () => generation });
  const version = packageVersion();

  const connections = createConnectionService(options.connections);
  connections.onChange((id) => sources.sshConnectionChanged(id));
  const remote = remoteHandlers((id) => connections.prometheusConfig(id));
  const loki = lokiHandlers((id) => connections.lokiConfig(id));
  const live = createLiveService(sources, { mode: options.mode, loki: async (id) => createLokiClient(await connections.lokiConfig(id)), ...(options.configDir !== undefined ? { configDir: options.configDir } : {}) });
  const handlers = {
    'app.info': async () => ({ name: 'vigie' as const, version, mode: options.mode, platform: process.platform }),
    'sources.list': async () => sources.snapshot(),
    'sources.add': async (spec) => sources.add(spec),
    'sources.addPromtail': async (input) => addPromtailSources(sources, input),
    'sources.remove': async ({ id }) => (await sources.remove(id), null),
    'sources.setJob': async ({ id, job }) => sources.setJob(id, job),
    'sources.watch': (_input, { signal }) => throttledSnapshots((l) => sources.onChange(l), () => sources.snapshot(), signal),
    'logs.window': async (input, { signal }) => logs.window(input, signal),
    'logql.check': async ({ query }) => checkQuery(query),
    'logql.query': (input, { signal }) => runLocalLogQuery(input, sources.localStreams(), signal),
    'logql.metric': async (input, { signal }) => runLocalMetricQuery(input, sources.localStreams(), signal),
    'logql.volume': async (input, { signal }) => runLogVolume(input, sources.localStreams(), signal),
    'pipeline.run': async (input, { signal }) => runPipeline(input, sources.localStreams(), signal),
    'pipeline.export': async (input) => exportPipelineConfig(input),
    'rules.check': async (input) => checkRulesHandler(input),
    'rules.backtest': (input, { signal }) =>
      runBacktest(input, sources.localStreams(), signal, async (id) => {
        const client = createPrometheusClient(await connections.prometheusConfig(id));
        return { query: prometheusRuleQuery(client, signal), close: () => client.close() };
      }),
    'rules.test': async (input) => runRulesTest(input),
    ...liveHandlers(live),
    ...connectionHandlers(connections),
    ...remote.handlers,
    ...alertmanagerHandlers(async (id) => {
      const { settings, secrets } = await connections.resolve(id, ['alertmanager']);
      const auth = settings.auth.type === 'basic' ? { kind: 'basic' as const, username: settings.auth.username, password: secrets.password ?? '' } : settings.auth.type === 'bearer' ? { kind: 'bearer' as const, token: secrets.token ?? '' } : undefined;
      return { url: settings.url, timeoutMs: settings.timeoutMs, ...(auth ? { auth } : {}) };
    }),
    ...loki.handlers,
  } satisfies Handlers<VigieContract>;

  return { handlers, sources, live, dispose: async () => (await live.dispose(), await remote.dispose(), await loki.dispose(), await sources.dispose()) };
}
