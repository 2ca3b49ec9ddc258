import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { hardenedWebPreferences, navigationAllowed, windowOpenDecision } from './window-policy';

export { isAppPage } from './window-policy';

/** The one application window, built from window-policy.ts's rules. */
export function createMainWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Virtdeck',
    show: false,
    webPreferences: hardenedWebPreferences(outDir),
  });
  window.once('ready-to-show', () => { window.show(); });
  window.webContents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally !== null) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(outDir, 'renderer', 'index.html'));
  return window;
}
