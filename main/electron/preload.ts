/**
 * The preload: narrow on purpose, and ignorant of the API. It exposes a tiny constant object
 * and passes the page its MessagePort; every call then goes page ⇄ port ⇄ main, validated by
 * the contract's schemas on the main side. Sandboxed: bundled to one CJS file (electron is
 * the only import the sandbox provides that we use).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { PAGE_PORT_MESSAGE, PORT_CHANNEL, PORT_REQUEST_CHANNEL, type VigieBridge } from './channels';

const bridge = {
  transport: 'messageport',
  platform: process.platform,
} as const satisfies VigieBridge;

contextBridge.exposeInMainWorld('vigie', bridge);

ipcRenderer.once(PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (!port) return;
  // The page's scripts (Vite emits deferred module scripts) have run by DOMContentLoaded, so
  // its 'message' listener exists by then; posting earlier could go unheard. The target
  // origin is our own: the message (and port) can only reach this document's origin.
  const deliver = (): void => window.postMessage(PAGE_PORT_MESSAGE, window.location.origin, [port]);
  if (document.readyState === 'loading') window.addEventListener('DOMContentLoaded', deliver, { once: true });
  else deliver();
});
ipcRenderer.send(PORT_REQUEST_CHANNEL);
