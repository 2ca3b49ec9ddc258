import type { VirtdeckApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent in a plain browser. */
    readonly virtdeck?: VirtdeckApi;
  }
}

export type Backend =
  | { readonly kind: 'electron'; readonly api: VirtdeckApi }
  | { readonly kind: 'none'; readonly reason: string };

/** The one way the renderer reaches main. */
export function backend(): Backend {
  const api = window.virtdeck;
  if (api) return { kind: 'electron', api };
  return { kind: 'none', reason: 'Virtdeck is open outside its app: start it with `npm start`.' };
}
