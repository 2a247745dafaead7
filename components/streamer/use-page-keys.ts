/**
 * The streamer page's keyboard: "/" focuses the chat box (the recorded chat's composer, else
 * Twitch's chat), "[" and "]" switch to the previous or next favorite channel.
 */
import { useEffect } from 'react';
import { favorites } from '../../lib/settings';
import { pageKeyAction, rotate } from './page-keys';

function focusChat(): boolean {
  const box =
    document.querySelector<HTMLElement>('[data-chat-box]') ??
    document.querySelector<HTMLElement>('iframe[data-twitch-chat]');
  box?.focus();
  return Boolean(box);
}

/** The active favorite is the first: stepping turns the list. */
async function stepChannel(step: number): Promise<void> {
  const list = await favorites.getValue();
  if (list.length > 1) await favorites.setValue(rotate(list, step));
}

export function usePageKeys(): void {
  useEffect(() => {
    // Quick presses step one after another, each from the list the last one left.
    let stepping = Promise.resolve();
    const onKey = (event: KeyboardEvent) => {
      const action = pageKeyAction(event);
      if (!action) return;
      if (action.kind === 'focusChat') {
        if (focusChat()) event.preventDefault();
      } else {
        event.preventDefault();
        stepping = stepping.then(() => stepChannel(action.step)).catch(() => undefined);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
