/**
 * A copy of the project for electron-builder to package, built from the current sources
 * into a temporary folder of its own, so a packaging run never touches out/ or release/
 * while other tests use them. Shared by the offline test and the deb check.
 */
import { chmod, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../helpers/process';
import { REPO_ROOT } from '../helpers/renderer-build';

export interface PackagingProject {
  readonly dir: string;
  readonly config: string;
  dispose(): Promise<void>;
}

/** What electron-builder reads (package.json, its config, assets, packaging/) and `npm run build`'s output. */
export async function buildPackagingProject(): Promise<PackagingProject> {
  const dir = await mkdtemp(join(tmpdir(), 'virtdeck-packaging-project-'));
  try {
    for (const entry of ['package.json', 'electron-builder.yml', 'assets', 'packaging']) {
      await cp(join(REPO_ROOT, entry), join(dir, entry), { recursive: true });
    }
    // electron-builder asks npm which production modules exist; none may end up packaged.
    await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const out = join(dir, 'out');
    await run('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'error'], { timeoutMs: 180_000 });
    await run('npx', ['vite', 'build', '--config', join(REPO_ROOT, 'vite.cli.config.ts'), '--outDir', join(out, 'cli'), '--logLevel', 'error'], { timeoutMs: 120_000 });
    return { dir, config: join(dir, 'electron-builder.yml'), dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface PlaceholderRuntime {
  readonly dir: string;
  dispose(): Promise<void>;
}

/**
 * Stands where an unpacked Electron would (electronDist): electron-builder copies it into
 * the app folder and renames its `electron` executable, which is all the dir target needs.
 * It is not Electron and says so if run.
 */
export async function makePlaceholderRuntime(): Promise<PlaceholderRuntime> {
  const dir = await mkdtemp(join(tmpdir(), 'virtdeck-placeholder-electron-runtime-'));
  await mkdir(join(dir, 'resources'));
  const stub = join(dir, 'electron');
  await writeFile(stub, '#!/bin/sh\necho "placeholder for the Electron runtime in a packaging test; not Electron" >&2\nexit 1\n');
  await chmod(stub, 0o755);
  await writeFile(join(dir, 'PLACEHOLDER-NOT-ELECTRON.txt'), 'A stand-in runtime made by test/packaging/project.ts.\n');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
