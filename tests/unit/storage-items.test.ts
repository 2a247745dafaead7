import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from '../../lib/storage';

/** Every area's `get` and `set`, spied on. */
function spyOnStorage() {
  return (['local', 'sync', 'session'] as const).flatMap((area) => [
    vi.spyOn(fakeBrowser.storage[area], 'get'),
    vi.spyOn(fakeBrowser.storage[area], 'set'),
  ]);
}

describe('stored items', () => {
  it('defining the settings reads nothing: a page reads only the items it uses', async () => {
    await fakeBrowser.storage.local.set({
      follows: { userId: '1', channels: [], fetchedAt: 1, dropped: [] },
      liveStreams: { userId: '1', streams: [], fetchedAt: 1 },
      authSession: { accessToken: 'secret' },
    });
    const spies = spyOnStorage();
    vi.resetModules();
    await import('../../lib/settings');
    // WXT's items read their value on definition; a task later the reads would have been made.
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('reads, writes, removes and watches as a WXT item does, with its fallback', async () => {
    const item = storage.defineItem<{ n: number }>('local:counter', { fallback: { n: 0 } });
    expect(item.fallback).toEqual({ n: 0 });
    expect(await item.getValue()).toEqual({ n: 0 });
    const seen: [unknown, unknown][] = [];
    const unwatch = item.watch((next, old) => seen.push([next, old]));
    await item.setValue({ n: 2 });
    expect(await item.getValue()).toEqual({ n: 2 });
    expect(await fakeBrowser.storage.local.get('counter')).toEqual({ counter: { n: 2 } });
    await item.removeValue();
    expect(await item.getValue()).toEqual({ n: 0 });
    await vi.waitFor(() =>
      expect(seen).toEqual([
        [{ n: 2 }, { n: 0 }],
        [{ n: 0 }, { n: 2 }],
      ]),
    );
    unwatch();

    const plain = storage.defineItem<string>('session:note');
    expect(await plain.getValue()).toBeNull();
    await plain.setMeta({ at: 3 });
    expect(await plain.getMeta()).toEqual({ at: 3 });
    await plain.removeMeta();
    expect(await plain.getMeta()).toEqual({});
  });

  it('an item with an init is WXT’s own, which sets the value on first read', async () => {
    const item = storage.defineItem<number>('local:started', { init: () => 7 });
    expect(await item.getValue()).toBe(7);
    expect(await fakeBrowser.storage.local.get('started')).toEqual({ started: 7 });
  });
});
