/**
 * The installers, offline: electron-builder packages the app for Linux with a placeholder
 * runtime (electronDist), runs the dir target for real, and takes the deb, rpm and
 * AppImage targets up to the point where they would call fpm or appimagetool (which it
 * would download), handing over what it computed: the files each package installs and
 * the desktop entry. Only the runtime's own bytes are not Electron's.
 */
import { execFile } from 'node:child_process';
import { access, constants, cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdminPolicy } from '../../electron/policy';
import { buildPackagingProject, makePlaceholderRuntime, type PackagingProject, type PlaceholderRuntime } from './project';

/** The asar holds bundled JavaScript and the renderer's assets: 4.1 MiB today, of which
 *  the renderer's editor, terminal, VNC, chart and dialog libraries are about half. */
const ASAR_BUDGET_BYTES = 6 * 1024 * 1024;
const HICOLOR_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
/** Module names in code, not in comments: import/export statements at a line's start, require() and import() calls. */
const MODULE_REFERENCE = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

interface FpmRun {
  readonly args: readonly string[];
  /** The desktop entry's text: electron-builder deletes its temporary file afterwards. */
  readonly desktopEntry: string;
}

let project: PackagingProject;
let runtime: PlaceholderRuntime;
let unpacked: string;
const fpm = new Map<'deb' | 'rpm', FpmRun>();
let appImageDesktop: string | undefined;

/** electron-builder hands fpm targets [args, desktop file] and AppImage { desktop }; true stops the target there. */
async function capture(options: unknown): Promise<boolean> {
  if (Array.isArray(options) && Array.isArray(options[0]) && typeof options[1] === 'string') {
    const args = options[0].map(String);
    const packagePath = args[args.indexOf('--package') + 1] ?? '';
    const kind = packagePath.endsWith('.deb') ? 'deb' : packagePath.endsWith('.rpm') ? 'rpm' : undefined;
    if (kind !== undefined) fpm.set(kind, { args, desktopEntry: await readFile(options[1], 'utf8') });
  } else if (typeof options === 'object' && options !== null && 'desktop' in options && typeof options.desktop === 'string') {
    appImageDesktop = options.desktop;
  }
  return true;
}

beforeAll(async () => {
  project = await buildPackagingProject();
  runtime = await makePlaceholderRuntime();
  const output = join(project.dir, 'release');
  await build({
    projectDir: project.dir,
    targets: Platform.LINUX.createTarget(['dir', 'deb', 'rpm', 'AppImage'], Arch.x64),
    config: { extends: project.config, electronDist: runtime.dir, directories: { output }, publish: null },
    effectiveOptionComputed: capture,
  });
  unpacked = join(output, 'linux-unpacked');
}, 240_000);

afterAll(async () => {
  await project.dispose();
  await runtime.dispose();
});

function mappings(kind: 'deb' | 'rpm'): Map<string, string> {
  const run = fpm.get(kind);
  if (!run) throw new Error(`electron-builder computed no ${kind} package`);
  // fpm's source=destination arguments: what the package installs, and from where.
  return new Map(run.args.filter((arg) => /^[^-].*=\//.test(arg)).map((arg) => {
    const at = arg.lastIndexOf('=');
    return [arg.slice(at + 1), arg.slice(0, at)];
  }));
}

function desktopEntry(text: string): Map<string, string> {
  const lines = text.split('\n').filter((line) => line.includes('=') && !line.startsWith('#'));
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function runNode(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, timeout: 60_000, env: { ...process.env, NODE_PATH: '' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('the packaged app (dir target, placeholder runtime)', () => {
  it('puts the runtime in place under the executable name the desktop entry runs', async () => {
    await access(join(unpacked, 'virtdeck'), constants.X_OK);
    await access(join(unpacked, 'PLACEHOLDER-NOT-ELECTRON.txt'));
  });

  it('carries only what runs in its asar: built main, preload and renderer, no sources, maps or node_modules', () => {
    const archive = join(unpacked, 'resources', 'app.asar');
    const files = listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
    expect(files).toEqual(expect.arrayContaining(['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']));
    expect(files.filter((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js')).length).toBeGreaterThan(0);
    const stray = files.filter((f) => f !== '/package.json' && f !== '/out' && !/^\/out\/(main|preload|renderer)(\/|$)/.test(f));
    expect(stray).toEqual([]);
    expect(files.filter((f) => /\.(map|ts|tsx|node)$/.test(f) || f.includes('node_modules'))).toEqual([]);

    // Bundled: main's code names nothing but Node's modules, Electron and its own chunks,
    // so there is no npm module to ship and nothing native to rebuild.
    const builtins = new Set([...builtinModules, 'electron']);
    const specifiers = new Set<string>();
    for (const file of files.filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'))) {
      const code = extractFile(archive, file.slice(1)).toString('utf8');
      for (const match of code.matchAll(MODULE_REFERENCE)) specifiers.add(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
    }
    const foreign = [...specifiers].filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtins.has(s));
    expect(foreign).toEqual([]);
    expect(specifiers.size).toBeGreaterThan(3);
  });

  it('keeps the asar within its size budget', async () => {
    const { size } = await stat(join(unpacked, 'resources', 'app.asar'));
    console.info(`app.asar: ${(size / 1024 / 1024).toFixed(2)} MiB (${String(size)} bytes)`);
    expect(size).toBeLessThan(ASAR_BUDGET_BYTES);
  });

  it('ships virtdeck-cli beside the asar, self-contained: it runs from any folder', async () => {
    const cli = join(unpacked, 'resources', 'cli');
    await access(join(cli, 'virtdeck-cli'), constants.X_OK);
    await access(join(cli, 'virtdeck-cli.cmd'));
    // A folder with no node_modules above it: whatever the CLI needs, it carries.
    const elsewhere = await mkdtemp(join(tmpdir(), 'virtdeck-packaged-cli-'));
    try {
      await cp(cli, elsewhere, { recursive: true });
      const result = await runNode([join(elsewhere, 'index.js'), 'list', '--all', '--json', '-c', 'test:///default'], elsewhere);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { name: string }[]).map((d) => d.name)).toEqual(['test']);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('ships the man page and a policy example that the app itself accepts', async () => {
    const man = await readFile(join(unpacked, 'resources', 'man', 'virtdeck-cli.1'), 'utf8');
    expect(man).toMatch(/^\.TH VIRTDECK-CLI 1/m);
    const example = join(unpacked, 'resources', 'admin', 'policy.example.json');
    const loaded = await loadAdminPolicy(example);
    expect(loaded.kind).toBe('loaded');
    expect(loaded.policy.connections.length).toBeGreaterThan(0);
  });
});

describe.each(['deb', 'rpm'] as const)('the %s package, as electron-builder hands it to fpm', (kind) => {
  it('installs the app under /opt, virtdeck-cli on the PATH running its runtime, the man page and the example', async () => {
    const files = mappings(kind);
    const installDir = [...files].find(([, source]) => source === `${unpacked}/`)?.[0];
    expect(installDir).toBe('/opt/Virtdeck');
    const launcher = files.get('/usr/bin/virtdeck-cli');
    if (launcher === undefined) throw new Error(`the ${kind} installs no /usr/bin/virtdeck-cli`);
    await access(launcher, constants.X_OK);
    const script = await readFile(launcher, 'utf8');
    expect(script).toContain('ELECTRON_RUN_AS_NODE=1');
    expect(script).toContain(`${String(installDir)}/virtdeck `);
    expect(script).toContain(`${String(installDir)}/resources/cli/index.js`);
    for (const destination of ['/usr/share/man/man1/virtdeck-cli.1', '/usr/share/doc/virtdeck/policy.example.json']) {
      const source = files.get(destination);
      if (source === undefined) throw new Error(`the ${kind} installs no ${destination}`);
      await access(source);
    }
  });

  it('installs a hicolor icon at every size, each rendered at that size', async () => {
    const files = mappings(kind);
    for (const size of HICOLOR_SIZES) {
      const source = files.get(`/usr/share/icons/hicolor/${String(size)}x${String(size)}/apps/virtdeck.png`);
      if (source === undefined) throw new Error(`no ${String(size)}px icon in the ${kind}`);
      await expect(pngSize(source)).resolves.toEqual({ width: size, height: size });
    }
  });

  it('installs a desktop entry with name, comment, keywords, category and the window class', () => {
    expect(mappings(kind).has('/usr/share/applications/virtdeck.desktop')).toBe(true);
    const entry = desktopEntry(fpm.get(kind)?.desktopEntry ?? '');
    expect(entry.get('Name')).toBe('Virtdeck');
    expect(entry.get('Comment')).toBe('Manage libvirt hypervisors (KVM/QEMU and more) on this machine and over SSH, TLS or TCP');
    expect(entry.get('Keywords')).toContain('libvirt;');
    expect(entry.get('Categories')).toBe('System;');
    expect(entry.get('StartupWMClass')).toBe('virtdeck');
    expect(entry.get('Icon')).toBe('virtdeck');
    expect(entry.get('Exec')).toBe('/opt/Virtdeck/virtdeck %U');
  });

  it('names the maintainer with an e-mail address, the homepage and the licence', () => {
    const args = fpm.get(kind)?.args ?? [];
    expect(args[args.indexOf('--maintainer') + 1]).toMatch(/<[^@\s]+@[^>\s]+>$/);
    expect(args[args.indexOf('--url') + 1]).toMatch(/^https:\/\//);
    expect(args[args.indexOf('--license') + 1]).toBe('MIT');
  });
});

describe('the AppImage', () => {
  it('carries the same desktop entry', () => {
    if (appImageDesktop === undefined) throw new Error('electron-builder computed no AppImage desktop entry');
    const entry = desktopEntry(appImageDesktop);
    expect(entry.get('Name')).toBe('Virtdeck');
    expect(entry.get('StartupWMClass')).toBe('virtdeck');
    expect(entry.get('Keywords')).toContain('kvm;');
  });
});
