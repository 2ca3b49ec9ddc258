#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: packages the built app (npm run build runs
// first) for this platform with electron-builder. With ELECTRON_DIST naming an unpacked
// Electron (the folder holding its `electron` executable), that runtime is packaged
// instead of one downloaded: `ELECTRON_DIST=/opt/electron npm run dist -- --dir` works offline.
import { spawnSync } from 'node:child_process';

const args = ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)];
const electronDist = process.env.ELECTRON_DIST;
if (electronDist !== undefined && electronDist !== '') args.push(`-c.electronDist=${electronDist}`);
const result = spawnSync('npx', args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
