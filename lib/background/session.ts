/**
 * Signing in and out. The whole OAuth flow runs in the background: the popup only asks, because
 * a real popup closes as soon as the Twitch window takes focus.
 */
import { browser } from 'wxt/browser';
import { TWITCH_CLIENT_ID, isConfigured } from '../config';
import { serialQueue, singleFlight } from '../concurrency';
import { onMessage, type ActionResult, type SignInRequest } from '../messaging';
import { appIconUrl } from '../notifications';
import {
  authProfile,
  authSession,
  pendingRevocations,
  requestedAccess,
  sessionEndedNotice,
  signInError,
  type AuthProfile,
  type AuthSession,
} from '../settings';
import {
  TokenInvalidError,
  buildAuthorizeUrl,
  createState,
  parseAuthRedirect,
  revokeToken,
  validateToken,
} from '../twitch/auth';
import { scopesFor } from '../twitch/catalog';
import { getUsersById, type HelixCredentials } from '../twitch/helix';
import { t } from '../i18n';
import { WATCHDOG, type Feature } from './feature';

const HOUR = 60 * 60 * 1000;

function profileOf(session: AuthSession): AuthProfile {
  const { userId, login, displayName, profileImageUrl, scopes, expiresAt } = session;
  return { userId, login, displayName, profileImageUrl, scopes, expiresAt };
}

/** Stores the session (background only) and the token-free profile the pages read. */
async function saveSession(session: AuthSession | null): Promise<void> {
  await authSession.setValue(session);
  await authProfile.setValue(session && profileOf(session));
}

/**
 * Writes the pages' profile from the stored session, when it is missing or has no user id (an
 * older install).
 */
export async function syncProfile(): Promise<void> {
  const session = await authSession.getValue();
  if (session && !(await authProfile.getValue())?.userId)
    await authProfile.setValue(profileOf(session));
  if (!session) await authProfile.setValue(null);
}

/** One revocation or retry pass at a time, so no token is tried twice at once or lost. */
const revoking = serialQueue();

/**
 * Revokes `token` on Twitch. A revocation Twitch did not confirm (offline, an error) is kept in
 * storage and tried again by `retryRevocations`, after a browser restart too.
 */
export function revokeOrRemember(token: string): Promise<void> {
  return revoking(async () => {
    try {
      await revokeToken(TWITCH_CLIENT_ID, token);
    } catch {
      const pending = await pendingRevocations.getValue();
      if (!pending.includes(token)) await pendingRevocations.setValue([...pending, token]);
    }
  });
}

/** Tries every revocation that failed before again; the ones that fail again stay. */
export function retryRevocations(): Promise<void> {
  return revoking(async () => {
    const pending = await pendingRevocations.getValue();
    if (pending.length === 0) return;
    const failed: string[] = [];
    for (const token of pending) {
      try {
        await revokeToken(TWITCH_CLIENT_ID, token);
      } catch {
        failed.push(token);
      }
    }
    // Tokens remembered while this pass ran are kept too.
    const now = await pendingRevocations.getValue();
    await pendingRevocations.setValue(
      now.filter((token) => failed.includes(token) || !pending.includes(token)),
    );
  });
}

/** One sign-in at a time: a second click joins the one in progress. */
export const signIn = singleFlight(async (request: SignInRequest): Promise<ActionResult> => {
  await signInError.setValue(null);
  const result = await runSignIn(request);
  // Kept for the popup, which has usually closed by now.
  await signInError.setValue(result.ok ? null : { message: result.error, at: Date.now() });
  return result;
});

async function runSignIn(request: SignInRequest): Promise<ActionResult> {
  if (!isConfigured()) {
    return {
      ok: false,
      error: t('errors.noClientId'),
    };
  }
  const state = createState();
  const url = buildAuthorizeUrl({
    clientId: TWITCH_CLIENT_ID,
    redirectUri: browser.identity.getRedirectURL(),
    scopes: scopesFor(request),
    state,
    forceVerify: true,
  });

  let responseUrl: string | undefined;
  try {
    responseUrl = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  } catch {
    return {
      ok: false,
      error: t('errors.windowClosed'),
    };
  }
  if (!responseUrl) return { ok: false, error: t('errors.signInUnfinished') };

  const result = parseAuthRedirect(responseUrl, state);
  if (!result.ok) return { ok: false, error: result.message };

  try {
    const info = await validateToken(result.accessToken);
    if (info.client_id !== TWITCH_CLIENT_ID) {
      return {
        ok: false,
        error: t('errors.otherApplication'),
      };
    }
    const [profile] = await getUsersById(
      { clientId: TWITCH_CLIENT_ID, accessToken: result.accessToken },
      [info.user_id],
    );
    const now = Date.now();
    const previous = await authSession.getValue();
    await requestedAccess.setValue(request);
    await sessionEndedNotice.setValue(null);
    await saveSession({
      accessToken: result.accessToken,
      userId: info.user_id,
      login: info.login,
      displayName: profile?.display_name ?? info.login,
      profileImageUrl: profile?.profile_image_url || undefined,
      scopes: info.scopes,
      expiresAt: now + info.expires_in * 1000,
      validatedAt: now,
    });
    // The token this sign-in replaces is of no more use: it must not stay valid on Twitch.
    if (previous && previous.accessToken !== result.accessToken) {
      await revokeOrRemember(previous.accessToken);
    }
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      error:
        error instanceof TokenInvalidError
          ? t('errors.sessionRefused')
          : t('errors.signInUnreachable'),
    };
  }
}

/**
 * Signs out: forgets the token here and revokes it on Twitch; when Twitch cannot confirm the
 * revocation, it is tried again later. Events are kept.
 */
export async function signOut(): Promise<ActionResult> {
  const session = await authSession.getValue();
  await saveSession(null);
  if (session) await revokeOrRemember(session.accessToken);
  return { ok: true };
}

/**
 * The session ended without the user asking (401, revoked access, expiry): forget the token,
 * keep everything recorded, and tell the user once.
 */
export async function endSession(reason: string): Promise<void> {
  const session = await authSession.getValue();
  if (!session) return;
  await saveSession(null);
  const notice = await sessionEndedNotice.getValue();
  if (notice?.notified) return;
  await sessionEndedNotice.setValue({ at: Date.now(), notified: true });
  await browser.notifications.create('session-ended', {
    type: 'basic',
    iconUrl: appIconUrl(),
    title: t('notify.signInAgain'),
    message: t('notify.sessionEnded', [reason]),
    priority: 1,
  });
}

/**
 * What `withSession` answers: the task's value, or that there is no session to run it with —
 * `ended` when Twitch refused the token (401) and the session was ended for it.
 */
export type SessionOutcome<T> = { ok: true; value: T } | { ok: false; ended: boolean };

/**
 * Runs `task` with the session and its Helix credentials. Signed out, the task does not run; a
 * 401 (`TokenInvalidError`) ends the session, as the hourly validation would. Any other error is
 * the caller's.
 */
export async function withSession<T>(
  task: (credentials: HelixCredentials, session: AuthSession) => Promise<T>,
): Promise<SessionOutcome<T>> {
  const session = await authSession.getValue();
  if (!session) return { ok: false, ended: false };
  try {
    const credentials = { clientId: TWITCH_CLIENT_ID, accessToken: session.accessToken };
    return { ok: true, value: await task(credentials, session) };
  } catch (error) {
    if (!(error instanceof TokenInvalidError)) throw error;
    // Only the token Twitch refused: a sign-in while the request ran keeps its new session.
    if ((await authSession.getValue())?.accessToken === session.accessToken)
      await endSession(t('errors.sessionEnded'));
    return { ok: false, ended: true };
  }
}

/** Validates the token with Twitch (at start and every hour, as Twitch requires). */
export async function checkSession(): Promise<AuthSession | null> {
  const checked = await withSession(async (_credentials, session) => {
    if (session.expiresAt <= Date.now()) {
      await endSession(t('errors.sessionExpired'));
      return null;
    }
    let info;
    try {
      info = await validateToken(session.accessToken);
    } catch (error) {
      if (error instanceof TokenInvalidError) throw error;
      return session; // offline: keep going, try again at the next check
    }
    const updated = {
      ...session,
      scopes: info.scopes,
      expiresAt: Date.now() + info.expires_in * 1000,
      validatedAt: Date.now(),
    };
    await saveSession(updated);
    return updated;
  });
  return checked.ok ? checked.value : null;
}

export const sessionFeature: Feature = {
  listen() {
    onMessage('signIn', ({ data }) => signIn(data));
    onMessage('signOut', () => signOut());
  },
  alarms: [
    { name: 'validate-session', period: 60, run: checkSession },
    // A revocation Twitch did not confirm is tried again.
    { ...WATCHDOG, run: retryRevocations },
  ],
  async start() {
    await syncProfile();
    void retryRevocations();
    const session = await authSession.getValue();
    if (session && Date.now() - session.validatedAt > HOUR) await checkSession();
  },
  launch: async () => void (await checkSession()),
};
