import { defineConfig } from 'vite';
import { noNativeAddons } from './scripts/no-native-addons';

// virtdeck-cli runs on plain Node, or on the installed app's own runtime with
// ELECTRON_RUN_AS_NODE, so it has a build of its own: ESM, with its npm dependencies
// bundled in, so out/cli/ runs from any folder (the packages carry it as resources/cli/).
// What a command does not use (SSH, TLS, the embedded test driver and their dependencies,
// the commands' own code) stays in chunks loaded on first use.
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
    rollupOptions: {
      // ssh2 stays in node_modules: it finds its optional native helpers and its WebAssembly
      // poly1305 relative to its own files (__dirname), which a bundle does not keep.
      external: ['ssh2'],
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
