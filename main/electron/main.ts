/**
 * Electron entry (bundled to dist/electron/main.cjs). Wires the pieces, each in its own
 * module: hardening (security.ts), the app:// protocol (app-protocol.ts), the window
 * (window.ts), and one RPC connection per page load over a MessagePort (port-handoff.ts +
 * message-port-transport.ts) serving the same services as browser mode.
 */
import { app, BrowserWindow, session, type WebContents } from 'electron';
import path from 'node:path';
import { contract } from '../../shared/contract';
import { isClientMessage, type ClientMessage, type ServerMessage } from '../../shared/rpc/protocol';
import { serve } from '../../shared/rpc/server';
import { createServices, type Services } from '../host/create-services';
import { showLiveNotifications } from './live-notifications';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { messagePortTransport } from './message-port-transport';
import { appConnectionSecrets } from './secrets';
import { handlePortRequests } from './port-handoff';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

// The bundle sits in dist/electron/; the renderer build in dist/renderer/.
const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');

// Both must happen before 'ready'.
registerAppScheme();
hardenApp();

const windows = new Set<BrowserWindow>();
const isOurContents = (contents: WebContents): boolean => [...windows].some((w) => !w.isDestroyed() && w.webContents === contents);

function openWindow(): void {
  const win = createMainWindow(PRELOAD);
  windows.add(win);
  win.on('closed', () => windows.delete(win));
}

let services: Services | undefined;
const notificationsStop = new AbortController();

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveAppProtocol(session.defaultSession, RENDERER_DIR);

  const running = createServices({ mode: 'electron', connections: { secretBackend: appConnectionSecrets() } });
  services = running;
  handlePortRequests({
    isOurContents,
    onConnection(port) {
      const transport = messagePortTransport<ClientMessage, ServerMessage>(port, isClientMessage);
      const stop = serve(contract, running.handlers, transport);
      // A reload or a crashed renderer closes the port: abort what that page had running.
      transport.onClose(stop);
    },
  });

  openWindow();
  showLiveNotifications(running.live.hub, () => [...windows][0], notificationsStop.signal);
  // macOS: clicking the dock icon with no window open reopens one.
  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });
}

// One instance: a second launch focuses the existing window (two instances would fight over
// userData and tail the same files twice).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = [...windows][0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Stop watchers and workers before exiting; quit for real once they are done.
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !services) return;
    event.preventDefault();
    disposed = true;
    notificationsStop.abort();
    // Bounded: a stuck watcher must not keep the app from quitting.
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    void Promise.race([services.dispose(), timeout]).finally(() => app.quit());
  });
  start().catch((e: unknown) => {
    console.error(`vigie: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    app.exit(1);
  });
}
