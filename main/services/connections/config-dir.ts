import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user's Vigie config folder: `VIGIE_CONFIG_DIR` when set (tests, portable installs),
 * else the platform's convention — `$XDG_CONFIG_HOME/vigie` (default ~/.config/vigie) on
 * Linux, ~/Library/Application Support/vigie on macOS, %APPDATA%\vigie on Windows.
 */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.VIGIE_CONFIG_DIR?.trim()) return env.VIGIE_CONFIG_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'vigie');
  if (platform === 'win32') return join(env.APPDATA?.trim() ? env.APPDATA : join(home, 'AppData', 'Roaming'), 'vigie');
  return join(env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : join(home, '.config'), 'vigie');
}
