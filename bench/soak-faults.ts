/**
 * The faults the soak run draws from: the fault suite's (tests/e2e/faults.e2e.ts, handover,
 * always-on, notification icons), each one a function that brings it about through the simulator
 * or the browser and returns once it has been done (not once the extension has recovered: the
 * soak measures that).
 */
import { seededRandom } from '../simulator/random';
import type { ChromiumDriver } from '../browser/chromium';
import { freshFavoritePicture, signIn, storageGet } from '../browser/extension';
import { waitFor } from '../browser/wait';

export interface FaultContext {
  h: ChromiumDriver;
  login: string;
  /** A random number in [0, 1). */
  random: () => number;
}

export interface Fault {
  kind: string;
  /** Brings the fault about; returns a short description of what exactly was done. */
  apply(ctx: FaultContext): Promise<string>;
  /** Undoes what stays in the simulator for the window (the CDN down), at its end. */
  undo?(ctx: FaultContext): Promise<void> | void;
}

const drop = (code: 4000 | 4005 | 4006): Fault => ({
  kind: `drop ${code}`,
  async apply({ h, login }) {
    const { closed } = h.sim.control.dropSockets({ login, code });
    return `closed ${closed.length} socket(s) with ${code}`;
  },
});

/** A Helix burst: the next `count` calls to any endpoint fail, and the socket drops so the
 * subscriptions are asked for again into it. */
const helixBurst = (status: 429 | 500): Fault => ({
  kind: `helix ${status}`,
  async apply({ h, login }) {
    const count = 4;
    h.sim.control.failHelix({ path: '*', status, count, resetSeconds: 2 });
    h.sim.control.dropSockets({ login, code: 4000 });
    return `next ${count} Helix calls answered ${status}, socket dropped (4000)`;
  },
  undo: ({ h }) => void h.sim.control.clearFailures(),
});

const cdnDown = (fault: 'hang' | 'unreachable'): Fault => ({
  kind: `cdn ${fault}`,
  async apply({ h }) {
    h.sim.control.configure({ cdnFault: fault });
    // A picture address the browser has not cached: the next notification's icon reaches the CDN.
    await freshFavoritePicture(h);
    return `image CDN ${fault === 'hang' ? 'never answers' : 'is unreachable'}`;
  },
  undo: ({ h }) => void h.sim.control.configure({ cdnFault: 'none' }),
});

export const FAULTS: Fault[] = [
  {
    kind: 'session_reconnect',
    async apply({ h, login, random }) {
      // Twitch closes the old socket at a random moment after the new one's welcome, cuts it,
      // or never closes it.
      const ends = ['close', 'close', 'cut', 'never'] as const;
      const supersededEnd = ends[Math.floor(random() * ends.length)]!;
      const reconnectCloseDelayMs = Math.round(random() * 3_000);
      h.sim.control.configure({ supersededEnd, reconnectCloseDelayMs });
      const { sessions } = h.sim.control.reconnect({ login });
      return `session_reconnect on ${sessions.length} socket(s); old one: ${supersededEnd}${supersededEnd === 'never' ? '' : ` after ${reconnectCloseDelayMs} ms`}`;
    },
  },
  drop(4000),
  drop(4005),
  drop(4006),
  {
    kind: 'silent socket',
    async apply({ h, login }) {
      const { silenced } = h.sim.control.silenceSockets({ login, on: true });
      return `${silenced.length} socket(s) went silent (nothing arrives, no close)`;
    },
  },
  {
    kind: 'service worker stopped',
    async apply({ h }) {
      await h.stopServiceWorker();
      return 'service worker stopped';
    },
  },
  {
    kind: 'offscreen closed',
    async apply({ h }) {
      const worker = await h.serviceWorker();
      await worker.evaluate(() => chrome.offscreen.closeDocument());
      return 'offscreen document closed';
    },
  },
  helixBurst(429),
  helixBurst(500),
  cdnDown('hang'),
  cdnDown('unreachable'),
  {
    kind: 'token revoked',
    async apply({ h, login }) {
      h.sim.control.revokeToken({ login, revokeSubscriptions: true });
      await waitFor(
        async () => (await storageGet(h, 'authSession')) == null,
        'the session to end after the revocation',
        30_000,
        250,
      );
      const out = Date.now();
      await signIn(h, login);
      return `token revoked, signed out, signed in again after ${Date.now() - out} ms`;
    },
  },
];

/**
 * The order faults come in: every kind once in a shuffled round, then another round, so a run
 * long enough sees each kind about as often as the others.
 */
export function faultOrder(count: number, random: () => number): Fault[] {
  const out: Fault[] = [];
  while (out.length < count) {
    const round = [...FAULTS];
    for (let i = round.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    out.push(...round);
  }
  return out.slice(0, count);
}

/** A seeded random generator, so a run can be repeated: the simulator's own. */
export const seeded = seededRandom;
