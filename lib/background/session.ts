/**
 * Signing in and out. The whole OAuth flow runs in the background: the popup only asks, because
 * a real popup closes as soon as the Twitch window takes focus.
 */
import { browser } from 'wxt/browser';
import { TWITCH_CLIENT_ID, isConfigured } from '../config';
import type { ActionResult, SignInRequest } from '../messaging';
import { appIconUrl } from '../notifications';
import {
  authSession,
  requestedAccess,
  sessionEndedNotice,
  signInError,
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
import { getUsersById } from '../twitch/helix';

let signingIn: Promise<ActionResult> | undefined;

export function signIn(request: SignInRequest): Promise<ActionResult> {
  signingIn ??= (async () => {
    await signInError.setValue(null);
    const result = await runSignIn(request);
    // Kept for the popup, which has usually closed by now.
    await signInError.setValue(result.ok ? null : { message: result.error, at: Date.now() });
    return result;
  })().finally(() => {
    signingIn = undefined;
  });
  return signingIn;
}

async function runSignIn(request: SignInRequest): Promise<ActionResult> {
  if (!isConfigured()) {
    return {
      ok: false,
      error: 'This build has no Twitch client id. See the README to configure one.',
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
      error: 'The Twitch sign-in window was closed before you finished. Nothing was changed.',
    };
  }
  if (!responseUrl)
    return { ok: false, error: 'Twitch did not finish the sign-in. Please try again.' };

  const result = parseAuthRedirect(responseUrl, state);
  if (!result.ok) return { ok: false, error: result.message };

  try {
    const info = await validateToken(result.accessToken);
    if (info.client_id !== TWITCH_CLIENT_ID) {
      return {
        ok: false,
        error: 'Twitch issued a token for another application. Please try again.',
      };
    }
    const [profile] = await getUsersById(
      { clientId: TWITCH_CLIENT_ID, accessToken: result.accessToken },
      [info.user_id],
    );
    const now = Date.now();
    await requestedAccess.setValue(request);
    await sessionEndedNotice.setValue(null);
    await authSession.setValue({
      accessToken: result.accessToken,
      userId: info.user_id,
      login: info.login,
      displayName: profile?.display_name ?? info.login,
      profileImageUrl: profile?.profile_image_url || undefined,
      scopes: info.scopes,
      expiresAt: now + info.expires_in * 1000,
      validatedAt: now,
    });
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      error:
        error instanceof TokenInvalidError
          ? 'Twitch did not accept the new session. Please try again.'
          : 'Could not reach Twitch to finish signing in.',
    };
  }
}

/** Signs out: revokes the token on Twitch (best effort) and forgets it. Events are kept. */
export async function signOut(): Promise<ActionResult> {
  const session = await authSession.getValue();
  await authSession.setValue(null);
  if (session) {
    try {
      await revokeToken(TWITCH_CLIENT_ID, session.accessToken);
    } catch {
      // Offline: the token is forgotten here anyway and expires on its own.
    }
  }
  return { ok: true };
}

/**
 * The session ended without the user asking (401, revoked access, expiry): forget the token,
 * keep everything recorded, and tell the user once.
 */
export async function endSession(reason: string): Promise<void> {
  const session = await authSession.getValue();
  if (!session) return;
  await authSession.setValue(null);
  const notice = await sessionEndedNotice.getValue();
  if (notice?.notified) return;
  await sessionEndedNotice.setValue({ at: Date.now(), notified: true });
  await browser.notifications.create('session-ended', {
    type: 'basic',
    iconUrl: appIconUrl(),
    title: 'Sign in to Twitch again',
    message: `${reason} Companion for Twitch stopped listening; your recorded events are kept. Click to sign in again.`,
    priority: 1,
  });
}

/** Validates the token with Twitch (at start and every hour, as Twitch requires). */
export async function checkSession(): Promise<AuthSession | null> {
  const session = await authSession.getValue();
  if (!session) return null;
  if (session.expiresAt <= Date.now()) {
    await endSession('Your Twitch session expired.');
    return null;
  }
  try {
    const info = await validateToken(session.accessToken);
    const updated = {
      ...session,
      scopes: info.scopes,
      expiresAt: Date.now() + info.expires_in * 1000,
      validatedAt: Date.now(),
    };
    await authSession.setValue(updated);
    return updated;
  } catch (error) {
    if (error instanceof TokenInvalidError) {
      await endSession('Twitch ended your session.');
      return null;
    }
    return session; // offline: keep going, try again at the next check
  }
}
