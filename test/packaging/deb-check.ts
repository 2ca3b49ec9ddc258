/**
 * `ELECTRON_DIST=/path/to/unpacked/electron npm run test:deb`: the packaging test's deb
 * branch, for machines that have a real Electron and can reach what electron-builder
 * downloads for the deb target (fpm). It builds the real .deb and reads it back with
 * dpkg-deb -I (control fields) and -c (file list). Not part of `npx vitest run`: these
 * machines have neither, and a check that cannot run must say so rather than pass.
 * Exits 0 when every check holds, 1 with the first failure otherwise.
 */
import assert from 'node:assert/strict';
import { access, constants, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Arch, build, Platform } from 'electron-builder';
import { run } from '../helpers/process';
import { buildPackagingProject } from './project';

const electronDist = process.env.ELECTRON_DIST;
if (electronDist === undefined || electronDist === '') {
  console.error('test:deb needs ELECTRON_DIST: the folder of an unpacked Electron (with its `electron` executable)');
  process.exit(1);
}
await access(join(electronDist, 'electron'), constants.X_OK);

const project = await buildPackagingProject();
try {
  const output = join(project.dir, 'release');
  await build({
    projectDir: project.dir,
    targets: Platform.LINUX.createTarget(['deb'], Arch.x64),
    config: { extends: project.config, electronDist, directories: { output }, publish: null },
  });
  const deb = (await readdir(output)).find((name) => name.endsWith('.deb'));
  assert.ok(deb, `no .deb in ${output}`);
  const debPath = join(output, deb);

  const info = (await run('dpkg-deb', ['-I', debPath])).stdout;
  const field = (name: string): string | undefined => new RegExp(`^ ${name}: (.*)$`, 'm').exec(info)?.[1];
  assert.equal(field('Package'), 'virtdeck');
  assert.match(field('Maintainer') ?? '', /<[^@\s]+@[^>\s]+>$/, 'Maintainer has an e-mail address');
  assert.match(field('Homepage') ?? '', /^https:\/\//);
  assert.match(field('Depends') ?? '', /libgtk-3-0/);
  assert.match(field('Recommends') ?? '', /openssh-client/);

  const listing = (await run('dpkg-deb', ['-c', debPath])).stdout;
  const paths = new Map(listing.split('\n').filter(Boolean).map((line) => {
    const [mode = '', , , , , ...rest] = line.trim().split(/\s+/);
    return [rest.join(' ').replace(/^\.\//, '/').replace(/ -> .*$/, ''), mode] as const;
  }));
  for (const path of [
    '/opt/Virtdeck/virtdeck',
    '/opt/Virtdeck/resources/app.asar',
    '/opt/Virtdeck/resources/cli/index.js',
    '/usr/share/man/man1/virtdeck-cli.1',
    '/usr/share/doc/virtdeck/policy.example.json',
    '/usr/share/applications/virtdeck.desktop',
    ...[16, 24, 32, 48, 64, 128, 256, 512].map((size) => `/usr/share/icons/hicolor/${String(size)}x${String(size)}/apps/virtdeck.png`),
  ]) {
    assert.ok(paths.has(path), `the deb installs ${path}`);
  }
  assert.match(paths.get('/usr/bin/virtdeck-cli') ?? '', /^-rwxr-xr-x/, 'the deb installs an executable /usr/bin/virtdeck-cli');
  assert.equal([...paths.keys()].filter((path) => path.includes('/node_modules/') || path.endsWith('.map')).length, 0, 'no node_modules, no maps');
  console.log(`test:deb: ${deb} holds what it should\n${info}`);
} finally {
  await project.dispose();
}
