import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';

/** True for the app's own page: the built renderer, or the dev server while developing. */
export function isAppPage(url: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer !== undefined && devServer !== '') return url.startsWith(devServer);
  return url.startsWith('file://') && url.includes('/renderer/index.html');
}

/**
 * The one application window, hardened: the renderer is treated as untrusted content
 * that reaches main only through the preload's contract.
 */
export function createMainWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Virtdeck',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => { window.show(); });
  // No navigation away from the app and no new windows: links open in the user's browser.
  window.webContents.on('will-navigate', (event) => { event.preventDefault(); });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) void window.loadURL(devServer);
  else void window.loadFile(join(outDir, 'renderer', 'index.html'));
  return window;
}
