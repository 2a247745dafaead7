/**
 * Takes the README's screenshots: the built extension (npm run build:demo) against the
 * simulator's lively demo world. `npx tsx scripts/screenshots.ts` takes them all;
 * `npx tsx scripts/screenshots.ts live-now` only the popup's Live now list.
 */
import { ORIGIN, launch, setFavorite, signIn, waitForListening } from '../browser/harness';

const only = process.argv[2];

/** The popup of a viewer who follows 150 channels: Live now, favorites first. */
async function liveNowShot(): Promise<void> {
  const viewer = await launch({ world: 'demo' });
  try {
    await signIn(viewer, 'demo_viewer');
    await setFavorite(viewer, 'demo');
    await waitForListening(viewer);
    const popup = await viewer.newPage();
    await popup.setViewport({ width: 360, height: 600 });
    await popup.goto(`${ORIGIN}/popup.html`);
    await popup.waitForSelector('ul[aria-label="Live now"] li', { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await popup.screenshot({ path: 'docs/live-now.png', fullPage: true });
    console.log('docs/live-now.png');
  } finally {
    await viewer.close();
  }
}

if (only === 'live-now') {
  await liveNowShot();
  process.exit(0);
}

const h = await launch({ world: 'demo' });
try {
  await signIn(h, 'demo', { broadcaster: true });
  await setFavorite(h, 'demo');
  await waitForListening(h);
  // Let the demo world produce a realistic mix of events and chat.
  await new Promise((resolve) => setTimeout(resolve, 25_000));

  const page = await h.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${ORIGIN}/streamer.html`);
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await page.screenshot({ path: 'docs/streamer-page.png' });

  const popup = await h.newPage();
  await popup.setViewport({ width: 360, height: 560 });
  await popup.goto(`${ORIGIN}/popup.html`);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await popup.screenshot({ path: 'docs/popup.png', fullPage: true });
  console.log('docs/streamer-page.png, docs/popup.png');
} finally {
  await h.close();
}
await liveNowShot();
