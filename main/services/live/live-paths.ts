/**
 * Where the live state is saved: the user's config folder — $VIGIE_CONFIG_DIR when set, else
 * $XDG_CONFIG_HOME/vigie or ~/.config/vigie (Linux), ~/Library/Application Support/vigie (macOS),
 * %APPDATA%\vigie (Windows): the folders Electron's app.getPath('appData') names.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.VIGIE_CONFIG_DIR) return env.VIGIE_CONFIG_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'vigie');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'vigie');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'vigie');
}

export const liveStatePath = (configDir: string = userConfigDir()): string => join(configDir, 'live-state.json');
