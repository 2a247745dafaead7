/**
 * Chrome: the listener lives in an offscreen document, created and owned by the background.
 * One creation in flight at a time; "only a single offscreen document" races are tolerated;
 * the document is checked for life before use.
 */
import { browser, type Browser } from 'wxt/browser';
import { singleFlight } from '../concurrency';
import { t } from '../i18n';
import { sendMessage } from '../messaging';
import type { ListenerHostController } from './controller';

const OFFSCREEN_PATH = '/offscreen.html';

async function hasDocument(): Promise<boolean> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
    documentUrls: [url],
  });
  return contexts.length > 0;
}

/** Creates the document; one creation in flight at a time, and a lost race is no failure. */
const createDocument = singleFlight(() =>
  browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['WORKERS', 'AUDIO_PLAYBACK'] as Browser.offscreen.Reason[],
      justification:
        'Keeps the Twitch EventSub WebSocket open in a worker so events are recorded while no extension page is open, and plays the optional notification sound.',
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && /single offscreen/i.test(error.message))) throw error;
    }),
);

export async function ensureOffscreenDocument(): Promise<void> {
  if (await hasDocument()) return;
  await createDocument();
}

export function createOffscreenController(): ListenerHostController {
  return {
    async start(config, retention) {
      await ensureOffscreenDocument();
      // Without the token: a message from the background reaches every open extension page. The
      // document asks for it (hostCredentials), and only it gets the answer.
      const { accessToken: _token, ...hostConfig } = config;
      const result = await sendMessage('hostStart', { config: hostConfig, retention });
      if (!result.ok)
        throw new Error('notSignedIn' in result ? t('errors.notSignedIn') : result.error);
    },
    async stop(options) {
      if (!(await hasDocument())) return;
      await sendMessage('hostStop', options);
    },
    async playSound() {
      await ensureOffscreenDocument();
      await sendMessage('hostPlaySound', undefined);
    },
    async check() {
      if (!(await hasDocument())) return { alive: false, listening: false };
      try {
        const answer = await sendMessage('hostPing', undefined);
        return { alive: true, listening: answer.listening };
      } catch {
        return { alive: false, listening: false };
      }
    },
  };
}
