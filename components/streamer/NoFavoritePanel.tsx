import { NoticePanel } from './NoticePanel';

/** No favorite streamer yet: how to choose one in the toolbar popup. */
export function NoFavoritePanel() {
  return (
    <NoticePanel id="no-favorite" title="No favorite streamer yet">
      <p>Choose the streamer this page follows in the extension’s toolbar popup:</p>
      <ol className="list-decimal space-y-1 pl-6">
        <li>
          Click the <strong>Companion for Twitch</strong> button in the browser toolbar (if it is
          hidden, open the Extensions menu — the puzzle piece — and pin it).
        </li>
        <li>
          Under <strong>Favorite streamer</strong>, type a name or paste a twitch.tv link, then
          press <strong>Save</strong>.
        </li>
      </ol>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        This page updates by itself as soon as you have chosen.
      </p>
    </NoticePanel>
  );
}
