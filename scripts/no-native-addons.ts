/**
 * A Vite plugin for the builds that bundle npm dependencies (main, virtdeck-cli): ssh2
 * loads two optional native addons (cpu-features, its own sshcrypto.node) inside
 * try/catch and runs on pure JavaScript without them. Each such require becomes a module
 * that throws when loaded, so the bundle holds no .node file, takes ssh2's fallback, and
 * electron-builder finds nothing to rebuild.
 */
import type { Plugin } from 'vite';

const PREFIX = '\0virtdeck-no-native-addon:';

export function isNativeAddon(id: string): boolean {
  return id === 'cpu-features' || id.endsWith('.node');
}

export function noNativeAddons(): Plugin {
  return {
    name: 'virtdeck-no-native-addons',
    enforce: 'pre',
    resolveId(id) {
      return isNativeAddon(id) ? `${PREFIX}${id}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = JSON.stringify(id.slice(PREFIX.length));
      return `throw new Error('native addon ' + ${name} + ' is not part of this build');\n`;
    },
  };
}
