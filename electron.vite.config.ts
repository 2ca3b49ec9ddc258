import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { noNativeAddons } from './scripts/no-native-addons';

// One build for the three Electron targets. The preload runs in a sandboxed renderer,
// which loads only CommonJS, so it alone is emitted as .cjs.
export default defineConfig({
  main: {
    plugins: [noNativeAddons()],
    build: {
      outDir: 'out/main',
      // Main's npm dependencies are bundled into out/main, so the package carries no
      // node_modules and electron-builder has nothing to rebuild (ssh2's optional native
      // addons stay out: ssh2 falls back to pure JavaScript without them).
      externalizeDeps: false,
      sourcemap: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
      },
    },
  },
});
