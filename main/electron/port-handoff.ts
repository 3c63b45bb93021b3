/**
 * Hands each app page its own MessagePort, and only app pages: the request is honoured when
 * it comes from the main frame of one of our windows, showing a page of the app's origin.
 * A subframe, or a page that somehow reached another origin (the preload runs there too),
 * gets nothing, so it can never talk to the services.
 */
import { ipcMain, MessageChannelMain, type IpcMainEvent, type MessagePortMain, type WebContents } from 'electron';
import { APP_ORIGIN, isAppFrame } from './app-origin';
import { PORT_CHANNEL, PORT_REQUEST_CHANNEL } from './channels';

export interface PortHandoffOptions {
  /** True for the web contents of our own windows. */
  isOurContents(contents: WebContents): boolean;
  /** Called with the main end of each new connection. */
  onConnection(port: MessagePortMain): void;
}

function refuse(event: IpcMainEvent, why: string): void {
  console.warn(`vigie: refused a connection request (${why}) from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
}

export function handlePortRequests(options: PortHandoffOptions): () => void {
  const listener = (event: IpcMainEvent): void => {
    const frame = event.senderFrame;
    if (!frame) return refuse(event, 'frame gone');
    if (!options.isOurContents(event.sender)) return refuse(event, 'unknown window');
    if (frame.parent !== null) return refuse(event, 'not the main frame');
    if (!isAppFrame(frame.url, APP_ORIGIN)) return refuse(event, 'not the app origin');
    const { port1, port2 } = new MessageChannelMain();
    options.onConnection(port1);
    frame.postMessage(PORT_CHANNEL, null, [port2]);
  };
  ipcMain.on(PORT_REQUEST_CHANNEL, listener);
  return () => ipcMain.off(PORT_REQUEST_CHANNEL, listener);
}
