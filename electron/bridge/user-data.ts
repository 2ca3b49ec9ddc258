/**
 * Where Electron keeps the app's data (app.getPath('userData') for an app named
 * "virtdeck"), computed without Electron, so the browser mode reads and writes the same
 * connection profiles as the window.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.VIRTDECK_USER_DATA;
  if (override) return override;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'virtdeck');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'virtdeck');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'virtdeck');
}
