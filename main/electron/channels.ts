/**
 * The only names shared by main, preload and page, written once. Pure (no electron import):
 * the sandboxed preload bundles it, and the renderer's transport matches PAGE_PORT_MESSAGE.
 */

/** preload → main: "this page wants its connection" (ipcRenderer.send, no payload). */
export const PORT_REQUEST_CHANNEL = 'vigie:request-port';
/** main → preload: the MessagePort, as event.ports[0]. */
export const PORT_CHANNEL = 'vigie:port';
/** preload → page: window 'message' event whose data is this string and ports[0] the port. */
export const PAGE_PORT_MESSAGE = 'vigie:port';

/** What the preload exposes as `window.vigie`. Deliberately nothing callable. */
export interface VigieBridge {
  readonly transport: 'messageport';
  readonly platform: string;
}
