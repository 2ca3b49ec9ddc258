import { defineConfig } from 'vite';

// The browser mode's server runs on plain Node (not Electron), like virtdeck-cli: one ESM
// file, npm dependencies (ws, zod) left to node_modules as an SSR build does.
export default defineConfig({
  build: {
    ssr: 'electron/bridge/index.ts',
    outDir: 'out/bridge',
    target: 'node20',
    emptyOutDir: true,
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
});
