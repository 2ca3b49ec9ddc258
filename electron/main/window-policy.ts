/**
 * The window's hardening as plain data and decisions, with no Electron in sight, so each
 * rule is unit-tested: the renderer is untrusted content that reaches main only through
 * the preload's contract.
 */
import { join } from 'node:path';

/** The webPreferences of the one application window. */
export function hardenedWebPreferences(outDir: string) {
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** True for the app's own page: the built renderer, or the dev server while developing. */
export function isAppPage(url: string, devServer: string | undefined = process.env.ELECTRON_RENDERER_URL): boolean {
  if (devServer !== undefined && devServer !== '') return url.startsWith(devServer);
  return url.startsWith('file://') && url.includes('/renderer/index.html');
}

/** The page never navigates: the app is one page, and a link must not replace it. */
export function navigationAllowed(_url: string): boolean {
  return false;
}

/** No new windows; an https link opens in the person's browser instead, nothing else does. */
export function windowOpenDecision(url: string): { readonly action: 'deny'; readonly openExternally: string | null } {
  let external: string | null = null;
  try {
    if (new URL(url).protocol === 'https:') external = url;
  } catch {
    // Not a URL at all: nothing to open.
  }
  return { action: 'deny', openExternally: external };
}

/** No page of ours asks for a camera, notifications or anything else. */
export function permissionGranted(_permission: string): boolean {
  return false;
}
