/** The toolbar badge: unseen events, live followed channels or nothing, as the user chose. */
import { toolbarAction } from '../host';
import { onMessage } from '../messaging';
import type { Feature } from './feature';
import { unreadForYouCount } from './for-you';
import { authSession, badgeMode, liveStreams, unseenCount } from '../settings';

function badgeText(count: number): string {
  return count > 0 ? (count > 99 ? '99+' : String(count)) : '';
}

export async function refreshBadge(): Promise<void> {
  const mode = await badgeMode.getValue();
  let count = 0;
  if (mode === 'unseen') count = await unseenCount.getValue();
  if (mode === 'forYou') count = await unreadForYouCount();
  if (mode === 'live') {
    const session = await authSession.getValue();
    const live = await liveStreams.getValue();
    if (session && live?.userId === session.userId) count = live.streams.length;
  }
  const action = toolbarAction();
  await action.setBadgeBackgroundColor({ color: mode === 'live' ? '#E91916' : '#9146FF' });
  await action.setBadgeText({ text: badgeText(count) });
}

export const badgeFeature: Feature = {
  listen() {
    onMessage('streamerPageSeen', async () => {
      await unseenCount.setValue(0);
      await refreshBadge();
    });
    badgeMode.watch(() => void refreshBadge());
  },
  start: refreshBadge,
};
