/**
 * `npm run web`'s server (built to out/bridge/index.js): serves out/renderer and main's
 * services on 127.0.0.1 and prints the page's address, token included.
 *
 * Usage: node out/bridge/index.js [--port N]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AppInfo } from '../../shared/ipc';
import { loadAdminPolicy, policyFile } from '../policy';
import { createMainServices } from '../main/services';
import { asProfileStore, describeNotice } from '../main/settings/profile-store';
import { SettingsStore } from '../main/settings/settings-store';
import { runBridge, type ServicesFactory } from './main';
import { userDataDir } from './user-data';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.VIRTDECK_WEB_PORT ?? '0' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port wants a port number (0 picks a free one), not '${values.port}'`);
  process.exit(2);
}

// The same services and the same profiles file as the Electron window.
const settingsFile = join(userDataDir(), 'settings.json');
const appInfo: Omit<AppInfo, 'notices'> = { name: 'Virtdeck', version: packageVersion(), shell: 'browser' };
const notices: string[] = [];
const admin = await loadAdminPolicy(policyFile());
if (admin.kind === 'broken') {
  console.error(admin.message);
  notices.push(admin.message);
}
const services: ServicesFactory = (sink) => {
  const store = asProfileStore(new SettingsStore({ file: settingsFile }), (notice) => {
    // In the terminal that started it, and in the page's banner.
    console.error(describeNotice(notice));
    notices.push(describeNotice(notice));
  });
  return createMainServices({ store, sink, appInfo, notices: () => notices, policy: admin.policy });
};

const running = await runBridge({ services, rendererDir: join(root, 'out', 'renderer'), port });
console.log(`Virtdeck is running in browser mode on 127.0.0.1 (profiles in ${settingsFile}). Open:\n\n  ${running.bridge.url}\n\nCtrl-C stops it.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.stop().then(
      () => { process.exit(0); },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
