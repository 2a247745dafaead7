/**
 * Renders assets/icon.svg to the PNG sizes the stores and browsers ask for, into public/icon/.
 * Run after changing the icon: `npx tsx scripts/render-icons.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer';

const SIZES = [16, 32, 48, 96, 128];

const svg = await readFile(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await writeFile(new URL(`../public/icon/${size}.png`, import.meta.url), png);
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}
