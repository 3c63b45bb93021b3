/**
 * An Alertmanager connection's alerts and silences (the `alertmanager.*` handlers), read with
 * the Alertmanager adapter. Settings and secrets come from an injected resolver.
 */
import type { alertmanagerContract } from '../../../shared/contract/alertmanager';
import { AppFailure, appError } from '../../../shared/model/app-error';
import type { Handlers } from '../../../shared/rpc/define';
import { AlertmanagerClient, type AlertmanagerSettings, type AmResult } from '../../adapters/alertmanager';

export type AlertmanagerResolver = (connectionId: string) => Promise<AlertmanagerSettings>;

function unwrap<T>(r: AmResult<T>): T {
  if (!r.ok) throw new AppFailure(appError('unreadable', r.error));
  return r.value;
}

export function alertmanagerHandlers(resolve: AlertmanagerResolver): Handlers<typeof alertmanagerContract> {
  const client = async (id: string): Promise<AlertmanagerClient> => {
    const settings = await resolve(id);
    try {
      return new AlertmanagerClient(settings);
    } catch (e) {
      throw new AppFailure(appError('bad_input', (e as Error).message));
    }
  };
  return {
    async 'alertmanager.alerts'({ connectionId }, { signal }) {
      const alerts = unwrap(await (await client(connectionId)).alerts(signal));
      return {
        alerts: alerts.map((a) => ({
          labels: a.labels,
          annotations: a.annotations,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          fingerprint: a.fingerprint,
          generatorURL: a.generatorURL ?? null,
          receivers: a.receivers.map((r) => r.name),
          state: a.status.state,
          silencedBy: a.status.silencedBy,
          inhibitedBy: a.status.inhibitedBy,
        })),
      };
    },
    async 'alertmanager.silences'({ connectionId }, { signal }) {
      const silences = unwrap(await (await client(connectionId)).silences(signal));
      return {
        silences: silences.map((s) => ({
          id: s.id,
          matchers: s.matchers.map((m) => ({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: m.isEqual })),
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          createdBy: s.createdBy,
          comment: s.comment,
          state: s.status.state,
        })),
      };
    },
  };
}
