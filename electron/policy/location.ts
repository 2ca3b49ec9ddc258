/**
 * Where an organisation's admins put Virtdeck's policy: a system folder that only they can
 * write. Tests (and admins trying a policy out) point VIRTDECK_ADMIN_DIR elsewhere.
 */
import { posix, win32 } from 'node:path';

export const ADMIN_DIR_ENV = 'VIRTDECK_ADMIN_DIR';
export const POLICY_FILE_NAME = 'policy.json';

export function adminDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env[ADMIN_DIR_ENV];
  if (override !== undefined && override !== '') return override;
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Virtdeck');
  if (platform === 'darwin') return '/Library/Application Support/Virtdeck';
  // Linux and the BSDs: the folder packages and config management write to.
  return '/etc/virtdeck';
}

export function policyFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return (platform === 'win32' ? win32 : posix).join(adminDir(env, platform), POLICY_FILE_NAME);
}
