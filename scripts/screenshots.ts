/**
 * Takes the README's screenshots: the built extension (npm run build:demo) against the
 * simulator's lively demo world. `npx tsx scripts/screenshots.ts`
 */
import { ORIGIN, launch, setFavorite, signIn, waitForListening } from '../browser/harness';

const h = await launch({ world: 'demo' });
try {
  await signIn(h, 'demo', { broadcaster: true });
  await setFavorite(h, 'demo');
  await waitForListening(h);
  // Let the demo world produce a realistic mix of events and chat.
  await new Promise((resolve) => setTimeout(resolve, 25_000));

  const page = await h.browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(`${ORIGIN}/streamer.html`);
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await page.screenshot({ path: 'docs/streamer-page.png' });

  const popup = await h.browser.newPage();
  await popup.setViewport({ width: 360, height: 560 });
  await popup.goto(`${ORIGIN}/popup.html`);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await popup.screenshot({ path: 'docs/popup.png', fullPage: true });
  console.log('docs/streamer-page.png, docs/popup.png');
} finally {
  await h.close();
}
