/**
 * Who a login that is not a favorite is on Twitch (`lookUpChannel`): undefined while the
 * background is asked, then its answer; `retry` asks again.
 */
import { useCallback, useEffect, useState } from 'react';
import { sendMessage, type ChannelLookup } from '../../lib/messaging';

export function useChannelLookup(login: string | undefined): {
  lookup?: ChannelLookup;
  retry(): void;
} {
  const [answer, setAnswer] = useState<{ login: string; value: ChannelLookup; attempt: number }>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!login) return;
    let active = true;
    void sendMessage('lookUpChannel', login).then(
      (value) => active && setAnswer({ login, value, attempt }),
      () => active && setAnswer({ login, value: { status: 'error' }, attempt }),
    );
    return () => {
      active = false;
    };
  }, [login, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = login && answer?.login === login && answer.attempt === attempt;
  return { lookup: current ? answer.value : undefined, retry };
}
