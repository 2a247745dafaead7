import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureOffscreenDocument } from '../../../lib/host/offscreen';

/** Chrome's offscreen API: one document at most, created after a while. */
function fakeOffscreen() {
  const state = { documents: 0, creations: 0, release: [] as (() => void)[] };
  fakeBrowser.runtime.getContexts = (async () =>
    Array.from({ length: state.documents }, () => ({
      contextType: 'OFFSCREEN_DOCUMENT',
    }))) as unknown as typeof fakeBrowser.runtime.getContexts;
  const createDocument = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        state.creations += 1;
        state.release.push(() => {
          if (state.documents > 0)
            reject(new Error('Only a single offscreen document may be created.'));
          else {
            state.documents = 1;
            resolve();
          }
        });
      }),
  );
  (fakeBrowser as unknown as { offscreen: { createDocument: unknown } }).offscreen = {
    createDocument,
  };
  return { state, createDocument };
}

describe('ensureOffscreenDocument', () => {
  it('creates the document once for callers that ask at the same time', async () => {
    const { state, createDocument } = fakeOffscreen();
    const calls = [ensureOffscreenDocument(), ensureOffscreenDocument(), ensureOffscreenDocument()];
    await vi.waitFor(() => expect(state.release).toHaveLength(1));
    state.release[0]!();
    await Promise.all(calls);
    expect(createDocument).toHaveBeenCalledTimes(1);
    expect(createDocument.mock.calls[0]).toEqual([
      expect.objectContaining({ url: '/offscreen.html', reasons: ['WORKERS', 'AUDIO_PLAYBACK'] }),
    ]);
    await ensureOffscreenDocument();
    expect(createDocument).toHaveBeenCalledTimes(1);
  });

  it('tolerates another context creating it first ("only a single offscreen document")', async () => {
    const { state } = fakeOffscreen();
    const call = ensureOffscreenDocument();
    await vi.waitFor(() => expect(state.release).toHaveLength(1));
    state.documents = 1; // created meanwhile elsewhere
    state.release[0]!();
    await expect(call).resolves.toBeUndefined();
  });

  it('passes other failures on, and tries again on the next call', async () => {
    const { state, createDocument } = fakeOffscreen();
    createDocument.mockRejectedValueOnce(new Error('Offscreen is not available'));
    await expect(ensureOffscreenDocument()).rejects.toThrow('Offscreen is not available');
    const call = ensureOffscreenDocument();
    await vi.waitFor(() => expect(state.release).toHaveLength(1));
    state.release[0]!();
    await call;
    expect(state.documents).toBe(1);
  });
});
