/** The main window: hardened webPreferences, shown once painted, loading the app origin. */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';

export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Vigie',
    show: false, // shown on ready-to-show: no white flash before the first paint
    backgroundColor: '#111318',
    webPreferences: {
      preload,
      contextIsolation: true, // the page never shares a JS world with the preload
      sandbox: true, // the renderer is an OS-sandboxed process with no Node
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false, // dropping a log file must not navigate to file://
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
