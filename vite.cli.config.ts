import { defineConfig } from 'vite';

// virtdeck-cli runs on plain Node (not Electron), so it has a build of its own: one ESM
// file, with npm dependencies left to node_modules as an SSR build does.
export default defineConfig({
  build: {
    ssr: 'electron/cli/index.ts',
    outDir: 'out/cli',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
});
