import { defineConfig } from 'vitest/config';

// Two projects: unit tests need nothing but Node; integration and e2e tests share one set
// of real servers (libvirtd, sshd, PKI) started once per run by the global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Property tests run hundreds of cases; on a loaded 2-core machine 5 s is too tight.
          testTimeout: 30_000,
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/fuzz/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Packages the app with electron-builder, offline, in a temporary folder of its own.
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          // Waits for the shared daemons, and fails the file during which one crashed.
          setupFiles: ['test/helpers/daemon-watch.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One libvirtd per machine: test files share it, so run them one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
