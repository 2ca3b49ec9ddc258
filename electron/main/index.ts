import { app, BrowserWindow, ipcMain } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannelName, type AppInfo } from '../../shared/ipc';
import { createMainWindow } from './window';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function appInfo(): AppInfo {
  return { name: 'Virtdeck', version: app.getVersion(), shell: 'electron' };
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
  void app.whenReady().then(() => {
    ipcMain.handle(ipcChannelName('app.info'), () => appInfo());
    createMainWindow(outDir);
  });
}
