import { defineConfig } from 'vite';

// virtdeck-cli runs on plain Node (not Electron), so it has a build of its own: ESM, with
// its npm dependencies bundled in (but ssh2), so that a run resolves and compiles a few
// files instead of a tree of node_modules. What a command does not use (SSH, TLS, the embedded test
// driver and their dependencies, the commands' own code) stays in chunks loaded on first use.
export default defineConfig({
  ssr: { noExternal: true },
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
