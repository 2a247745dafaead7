/**
 * Reading the extension's database from one of its pages, for both drivers. Knows the layout:
 * events a row each, chat lines in batch rows (one per write), so tests can ask for "the chat" as
 * lines.
 */
export type StoredTable = 'events' | 'chat' | 'forYou';

/**
 * Runs in the page: every event or chat line, or with `idsOnly` just their ids (read and mapped
 * in the page, so only ids cross to the test). Self-contained: drivers send it as source text.
 */
export function readTableInPage(table: StoredTable, idsOnly: boolean): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const store = table === 'chat' ? 'chatBatches' : table;
    const open = indexedDB.open('companion-for-twitch');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(store)) {
        db.close();
        resolve([]);
        return;
      }
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => {
        db.close();
        const rows = (
          table === 'chat'
            ? request.result.flatMap((batch: { lines: unknown[] }) => batch.lines)
            : request.result
        ) as { id: string }[];
        resolve(idsOnly ? rows.map((row) => row.id) : rows);
      };
      request.onerror = () => reject(request.error);
    };
  });
}
