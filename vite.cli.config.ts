import { defineConfig } from 'vite';
import { noNativeAddons } from './scripts/no-native-addons';

// virtdeck-cli runs on plain Node, or on the installed app's own runtime with
// ELECTRON_RUN_AS_NODE, so it has a build of its own: ESM, with its npm dependencies
// bundled in, so out/cli/ runs from any folder (the packages carry it as resources/cli/).
export default defineConfig({
  plugins: [noNativeAddons()],
  ssr: { noExternal: true },
  // Bundled CommonJS (ssh2's dependencies) asks for __dirname, which ES modules lack.
  define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
  build: {
    ssr: 'electron/cli/index.ts',
    outDir: 'out/cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
});
