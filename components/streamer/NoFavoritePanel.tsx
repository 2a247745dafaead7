/** No favorite streamer yet: how to choose one in the toolbar popup. */
export function NoFavoritePanel() {
  return (
    <section
      aria-labelledby="no-favorite-title"
      className="mx-auto max-w-xl space-y-3 rounded-lg border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h1 id="no-favorite-title" className="text-xl font-bold">
        No favorite streamer yet
      </h1>
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
    </section>
  );
}
