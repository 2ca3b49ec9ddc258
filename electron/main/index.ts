/**
 * The Electron shell: one hardened window, the contract bound to ipcMain, and main's
 * services (the same ones the browser bridge runs) owning every connection. Kept thin on
 * purpose: everything that can run without Electron lives in services.ts and below.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAdminPolicy, policyFile } from '../policy';
import { createMainServices, type MainServices } from './services';
import { bindIpc, WindowSink } from './ipc/electron-binding';
import { installApplicationMenu } from './menu';
import { asProfileStore, describeNotice } from './settings/profile-store';
import { SettingsStore } from './settings/settings-store';
import { createMainWindow, isAppPage } from './window';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

async function start(): Promise<void> {
  // No page of ours asks for a camera, notifications or anything else.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => { callback(false); });
  const sink = new WindowSink();
  const notices: string[] = [];
  // Never fatal: a broken policy file is told in the banner and its strict switches apply.
  const admin = await loadAdminPolicy(policyFile());
  if (admin.kind === 'broken') notices.push(admin.message);
  const store = asProfileStore(new SettingsStore({ file: join(app.getPath('userData'), 'settings.json') }), (notice) => {
    notices.push(describeNotice(notice));
  });
  const services: MainServices = await createMainServices({
    store,
    sink,
    appInfo: { name: 'Virtdeck', version: app.getVersion(), shell: 'electron' },
    notices: () => notices,
    policy: admin.policy,
  });
  const unbind = bindIpc(ipcMain, services.dispatch, (event) => isAppPage(event.senderFrame?.url ?? ''));
  installApplicationMenu();
  const window = createMainWindow(outDir);
  sink.attach(window);

  // The window owns the connections: when it goes, so do they.
  window.on('closed', () => {
    sink.attach(null);
    unbind();
    void services.dispose().finally(() => { app.quit(); });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => { app.quit(); });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Virtdeck could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}
