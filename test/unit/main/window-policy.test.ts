import { describe, expect, it } from 'vitest';
import { hardenedWebPreferences, isAppPage, navigationAllowed, permissionGranted, windowOpenDecision } from '../../../electron/main/window-policy';

describe('the window hardening', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere in it', () => {
    const prefs = hardenedWebPreferences('/opt/virtdeck/out');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/opt/virtdeck/out/preload/index.cjs');
  });

  it('refuses every navigation, the app page included', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'file:///opt/virtdeck/out/renderer/index.html', 'javascript:alert(1)']) {
      expect(navigationAllowed(url)).toBe(false);
    }
  });

  it('opens no window; only an https link goes to the browser', () => {
    expect(windowOpenDecision('https://libvirt.org/uri.html')).toEqual({ action: 'deny', openExternally: 'https://libvirt.org/uri.html' });
    for (const url of ['http://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'smb://share/x']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: null });
    }
  });

  it('grants no permission', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(permissionGranted(permission)).toBe(false);
    }
  });

  it('knows its own page and nothing else', () => {
    expect(isAppPage('file:///opt/virtdeck/out/renderer/index.html', undefined)).toBe(true);
    expect(isAppPage('https://evil.example/renderer/index.html', undefined)).toBe(false);
    expect(isAppPage('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppPage('file:///opt/virtdeck/out/renderer/index.html', 'http://localhost:5173')).toBe(false);
  });
});
