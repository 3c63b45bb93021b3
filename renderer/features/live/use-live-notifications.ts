/**
 * Desktop notifications for live alerts: each notification the server decided (it already
 * de-duplicated, rate-limited, silenced and applied quiet hours) is shown with the Notification
 * API — in Electron's renderer too, which maps it to the system's notifications. A click brings
 * the window forward and opens Explore on the followed files from the alert's activation.
 */
import { useEffect, useRef } from 'react';
import { useLocation } from '../../app/LocationProvider';
import { useRpc } from '../../rpc/RpcProvider';
import type { LiveNotification } from '../../../shared/contract/live';
import { isNewer } from './live-view';

export type PermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

export function notificationPermission(): PermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** `enabled` false: someone else shows them (Electron's main process does, as system notifications). */
export function useLiveNotifications(enabled = true): void {
  const { client } = useRpc();
  const { navigate, setQuery, setRange } = useLocation();
  const lastShown = useRef<string | null>(null);
  const actions = useRef({ navigate, setQuery, setRange });
  actions.current = { navigate, setQuery, setRange };

  // Every event of the stream, not its latest value: a burst of transitions (already
  // rate-limited by the server) must not lose one between two renders.
  useEffect(() => {
    const show = (n: LiveNotification): void => {
      if (!isNewer(n, lastShown.current)) return;
      lastShown.current = n.id;
      if (!enabled || notificationPermission() !== 'granted') return;
      const shown = new Notification(n.title, { body: n.body, tag: `vigie-${n.id}` });
      const explore = n.explore;
      shown.onclick = () => {
        window.focus();
        shown.close();
        if (!explore) return;
        actions.current.setQuery(explore.query);
        actions.current.setRange({ from: String(Math.floor(explore.fromMs)), to: String(Math.ceil(explore.toMs)) }, { push: true });
        actions.current.navigate('explore');
      };
    };
    return client.subscribe('live.notifications', {}, { next: show, end: () => {} });
  }, [client, enabled]);
}
