import { defineConfig } from 'vite';
import { noNativeAddons } from './scripts/no-native-addons';
import { ssh2ClientOnly } from './scripts/ssh2-client-only';

// virtdeck-cli runs on plain Node, or on the installed app's own runtime with
// ELECTRON_RUN_AS_NODE, so it has a build of its own: ESM, with its npm dependencies
// bundled in, so out/cli/ runs from any folder (the packages carry it as resources/cli/).
// What a command does not use (SSH, TLS, the embedded test driver and their dependencies,
// the commands' own code) stays in chunks loaded on first use.
export default defineConfig({
  plugins: [noNativeAddons(), ssh2ClientOnly()],
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
      // The library's entry re-exports the managing operations, and an ES module's
      // re-exports run when it loads: every command would load them and their XML parser
      // (~12 ms). They do nothing when loaded, so saying so lets them go to the managing
      // commands' own chunk.
      treeshake: { moduleSideEffects: [{ test: /\/electron\/libvirt\/manage\//, sideEffects: false }] },
      // ssh2 too is bundled (its client only): the packages carry out/cli without any
      // node_modules, and one chunk costs less to load than ssh2's tree of CommonJS files.
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
