/** Tells the background the streamer page was looked at (clears the badge): on load and whenever it becomes visible. */
import { useEffect } from 'react';
import { sendMessage } from '../../lib/messaging';

export function usePageSeen(): void {
  useEffect(() => {
    const seen = () => {
      if (document.visibilityState === 'hidden') return;
      void sendMessage('streamerPageSeen', undefined).catch(() => undefined);
    };
    seen();
    document.addEventListener('visibilitychange', seen);
    return () => document.removeEventListener('visibilitychange', seen);
  }, []);
}
