/**
 * The background: answers the pages, supervises the listener host, turns recorded events into
 * notifications and the toolbar badge, and keeps the session valid. Each feature registers its
 * own messages, alarms and start-up (see `feature.ts`); this file wires them, and relays what the
 * listener host reports.
 */
import { browser } from 'wxt/browser';
import { createListenerHostController, type ListenerHostController } from '../host';
import type { ListenerSink } from '../listener-protocol';
import { onMessage } from '../messaging';
import { authSession, listenerStatus } from '../settings';
import { sessionEndWords } from '../wording/listener';
import { badgeFeature } from './badge';
import { channelFeature } from './channel';
import { chatFeature } from './chat';
import { embedRulesFeature } from './embed-rules';
import { favoritesFeature } from './favorite';
import { startFeatures } from './feature';
import { followsFeature, onPollRecorded } from './follows';
import { historyPageFeature } from './history-page';
import { forYouFeature, onForYou } from './for-you';
import { notifyFeature, onRecorded } from './notify';
import { momentsFeature } from './moments';
import { inTurn, quietFeature } from './quiet';
import { retentionFeature } from './retention';
import { endSession, sessionFeature } from './session';
import { settingsSyncFeature } from './settings-sync';
import { streamerPageFeature } from './streamer-tab';
import { createSupervisor, listenerFeature } from './supervisor';
import { whispersFeature } from './whispers';

export function startBackground(): void {
  // The sink runs only after `controller` exists (the in-page host of Firefox calls it later).
  const sink: ListenerSink = (event) => {
    if (event.kind === 'status') void listenerStatus.setValue(event.status);
    // One batch after another: a burst notification must not be planned while the singles it
    // replaces are still being shown.
    else if (event.kind === 'recorded')
      void inTurn(async () => {
        // What is for the user first: it is told at once, a burst of events after it.
        if (event.forYou) await onForYou(event.forYou);
        if (event.events.length) await onRecorded(event.events, controller);
      }).catch(() => undefined);
    else void endSession(sessionEndWords(event.reason));
  };
  const controller: ListenerHostController = createListenerHostController(sink);
  // What the minute poll records for favorites notifies like what EventSub delivers.
  onPollRecorded((events) => sink({ kind: 'recorded', events }));
  const supervisor = createSupervisor(controller);

  // The token goes to the offscreen document only, in the answer to its own request (an answer
  // reaches only the asker; a message from the background would reach every open page).
  onMessage('hostCredentials', async ({ sender }) => {
    const fromHost =
      sender.id === browser.runtime.id && sender.url === browser.runtime.getURL('/offscreen.html');
    if (!fromHost) return null;
    return (await authSession.getValue())?.accessToken ?? null;
  });
  // The listener host reports back (Chrome: from the offscreen document).
  onMessage('hostReady', () => void supervisor.ensure());
  onMessage('hostEvent', ({ data }) => sink(data));

  // In the order they start in: settings, session, listener, then what depends on them.
  startFeatures([
    settingsSyncFeature,
    sessionFeature,
    listenerFeature(supervisor),
    badgeFeature,
    followsFeature,
    quietFeature,
    notifyFeature,
    retentionFeature,
    favoritesFeature,
    channelFeature,
    chatFeature,
    streamerPageFeature,
    embedRulesFeature,
    whispersFeature,
    momentsFeature,
    historyPageFeature,
    forYouFeature,
  ]);
}
