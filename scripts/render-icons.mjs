#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes the installers want, with Debian's Chromium.
// Run it after changing the SVG; the PNGs are committed.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 64, 128, 256, 512];
const svg = await readFile('assets/icon.svg', 'utf8');
// Playwright gives each launch a fresh, temporary user-data dir of its own.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`);
    await page.screenshot({ path: `assets/icons/${size}x${size}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
