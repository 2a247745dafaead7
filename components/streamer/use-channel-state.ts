/**
 * The favorite channel's live state for the header: asks the background once per favorite
 * (`channelSummary`), then follows recorded go-live / go-offline / update events (those the
 * signed-in account `accountId` may see). No polling.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { database } from '../../lib/db/database';
import { sendMessage, type ChannelSummary } from '../../lib/messaging';
import { channelState, type ChannelState } from './channel-state';
import { channelStateEvents } from './streamer-queries';

export function useChannelState(channelId: string, accountId: string | undefined): ChannelState {
  const [summary, setSummary] = useState<{
    channelId: string;
    value: ChannelSummary | null;
    at: number;
  }>();

  useEffect(() => {
    let active = true;
    const at = Date.now();
    void sendMessage('channelSummary', channelId).then(
      (value) => active && setSummary({ channelId, value, at }),
      () => active && setSummary({ channelId, value: null, at }),
    );
    return () => {
      active = false;
    };
  }, [channelId]);

  const events = useLiveQuery(
    () => channelStateEvents(database(), channelId, accountId),
    [channelId, accountId],
  );
  const current = summary?.channelId === channelId ? summary : undefined;
  return channelState(current?.value, current?.at ?? 0, events);
}
