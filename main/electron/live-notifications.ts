/**
 * Live alerts as system notifications: in Electron the page does not show notifications
 * (security.ts refuses the permission), main does, from the live service's hub. A click
 * brings the window forward and opens Explore at the lines behind the alert.
 */
import { Notification, type BrowserWindow } from 'electron';
import type { LiveNotification } from '../../shared/contract/live';
import { exploreHash } from './explore-hash';

export interface LiveNotificationSource {
  subscribe(signal: AbortSignal): AsyncIterable<LiveNotification>;
}

export function showLiveNotifications(hub: LiveNotificationSource, window: () => BrowserWindow | undefined, signal: AbortSignal): void {
  void (async () => {
    for await (const n of hub.subscribe(signal)) {
      if (!Notification.isSupported()) continue;
      const note = new Notification({ title: n.title, body: n.body, silent: n.kind === 'summary' });
      note.on('click', () => {
        const win = window();
        if (!win) return;
        if (win.isMinimized()) win.restore();
        win.focus();
        const hash = exploreHash(n);
        // A hash change is an in-page navigation: the navigation guards stay as they are.
        if (hash) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
      });
      note.show();
    }
  })().catch((e: unknown) => console.error(`vigie: live notifications stopped: ${e instanceof Error ? e.message : String(e)}`));
}
