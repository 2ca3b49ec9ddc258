#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes the installers want, with Debian's Chromium.
// Linux (deb, rpm, AppImage) installs assets/icons/NxN.png into the hicolor theme, one per
// size; Windows (nsis) and macOS (dmg) build their .ico and .icns from assets/icon.png,
// which macOS wants at 1024 px for its Retina 512@2x slot.
// Run it after changing the SVG; the PNGs are committed.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const APP_ICON_SIZE = 1024;
const svg = await readFile('assets/icon.svg', 'utf8');
// Playwright gives each launch a fresh, temporary user-data dir of its own.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
async function render(size, path) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`);
  await page.screenshot({ path, omitBackground: true });
  await page.close();
}
try {
  for (const size of SIZES) await render(size, `assets/icons/${size}x${size}.png`);
  await render(APP_ICON_SIZE, 'assets/icon.png');
} finally {
  await browser.close();
}
