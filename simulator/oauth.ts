/** id.twitch.tv/oauth2: implicit-grant authorize with a consent page, validate and revoke. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KNOWN_SCOPES, SCOPE_DESCRIPTIONS } from './catalog.js';
import { GLITCH, errorPage, page } from './pages.js';
import { findClient, redirectAllowed } from './tokens.js';
import type { TokenStore } from './tokens.js';
import { escapeHtml, readBody, sendHtml, sendJson } from './http.js';
import { randomToken } from './ids.js';
import type { World } from './world.js';
import { profileImageUrl } from './world.js';

interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  createdAt: number;
}

interface BrowserGrant {
  login: string;
  /** clientId → scopes granted by that login. */
  grants: Map<string, Set<string>>;
}

const COOKIE = 'sim_twitch_browser';

export class OAuth {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly browsers = new Map<string, BrowserGrant>();

  constructor(
    private readonly world: World,
    private readonly tokens: TokenStore,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders());
      res.end();
      return;
    }
    if (path === '/oauth2/authorize' && req.method === 'GET') return this.authorize(req, res, url);
    if (path === '/oauth2/authorize' && req.method === 'POST') return this.consent(req, res);
    if (path === '/oauth2/validate' && req.method === 'GET') return this.validate(req, res);
    if (path === '/oauth2/revoke' && req.method === 'POST') return this.revoke(req, res, url);
    if (path === '/oauth2/token' && req.method === 'POST') {
      sendJson(res, 400, { status: 400, message: 'unsupported grant type' }, corsHeaders());
      return;
    }
    sendJson(res, 404, { status: 404, message: 'page not found' }, corsHeaders());
  }

  private authorize(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const client = findClient(clientId);
    if (!client) {
      sendHtml(res, 400, errorPage(400, 'invalid client', 'The client_id is not registered.'));
      return;
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!redirectAllowed(client, redirectUri)) {
      sendHtml(
        res,
        400,
        errorPage(400, 'redirect_mismatch', 'Parameter redirect_uri does not match registered URI'),
      );
      return;
    }
    const state = q.get('state');
    const responseType = q.get('response_type');
    if (responseType !== 'token') {
      redirectQuery(res, redirectUri, {
        error: 'unsupported_response_type',
        error_description: 'only response_type=token (implicit grant) is supported here',
        state,
      });
      return;
    }
    const scopes = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
    if (unknown.length) {
      redirectQuery(res, redirectUri, {
        error: 'invalid_scope',
        error_description: `invalid scope: ${unknown.join(' ')}`,
        state,
      });
      return;
    }
    const forceVerify = q.get('force_verify') === 'true';
    const browser = this.browserOf(req);
    if (!forceVerify && browser) {
      const granted = browser.grants.get(clientId);
      const account = this.world.accountByLogin(browser.login);
      if (account && granted && scopes.every((s) => granted.has(s))) {
        const rec = this.tokens.issue(clientId, account, scopes);
        redirectFragment(res, redirectUri, rec.token, scopes, state);
        return;
      }
    }
    const requestId = randomToken(24);
    this.pending.set(requestId, { clientId, redirectUri, scopes, state, createdAt: Date.now() });
    for (const [id, p] of this.pending)
      if (Date.now() - p.createdAt > 60 * 60 * 1000) this.pending.delete(id);
    sendHtml(res, 200, this.consentPage(requestId, client.name, scopes, browser?.login));
  }

  private consentPage(
    requestId: string,
    appName: string,
    scopes: string[],
    signedIn?: string,
  ): string {
    const accounts = this.world.accounts.filter((a) => a.canSignIn);
    const role = (login: string): string =>
      login === 'demo'
        ? 'Broadcaster of the demo channel'
        : login === 'demo_mod'
          ? 'Moderator of demo'
          : 'Viewer';
    const scopeList = scopes.length
      ? `<ul class="scopes">${scopes
          .map(
            (s) =>
              `<li>${escapeHtml(SCOPE_DESCRIPTIONS[s] ?? s)}<code>${escapeHtml(s)}</code></li>`,
          )
          .join('')}</ul>`
      : '<p>No special permissions: it can see your public profile.</p>';
    return page(
      `Authorize ${appName}`,
      `<div class="card">
        <div class="logo">${GLITCH}<span>Twitch</span></div>
        <h1>${escapeHtml(appName)} wants to access your account</h1>
        <p>Choose the account to sign in with. This will allow ${escapeHtml(appName)} to:</p>
        ${scopeList}
        <form method="post" action="/oauth2/authorize">
          <input type="hidden" name="request" value="${escapeHtml(requestId)}">
          <div class="accounts">
            ${accounts
              .map(
                (
                  a,
                ) => `<button class="account" type="submit" name="login" value="${escapeHtml(a.login)}" data-login="${escapeHtml(a.login)}">
                  <img src="${escapeHtml(profileImageUrl(a.login))}" alt="">
                  <span>Authorize as ${escapeHtml(a.displayName)}${signedIn === a.login ? ' (signed in)' : ''}<small>${escapeHtml(role(a.login))}</small></span>
                </button>`,
              )
              .join('')}
          </div>
          <button class="deny" type="submit" name="action" value="deny" data-action="deny">Cancel</button>
        </form>
        <div class="foot">Local Twitch simulator — no real account is used.</div>
      </div>`,
    );
  }

  private async consent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req, 10_000));
    const requestId = form.get('request') ?? '';
    const pending = this.pending.get(requestId);
    if (!pending) {
      sendHtml(
        res,
        400,
        errorPage(400, 'invalid request', 'This authorization request has expired. Start again.'),
      );
      return;
    }
    this.pending.delete(requestId);
    if (form.get('action') === 'deny') {
      redirectQuery(res, pending.redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied you access',
        state: pending.state,
      });
      return;
    }
    const account = this.world.accountByLogin(form.get('login') ?? '');
    if (!account || !account.canSignIn) {
      sendHtml(res, 400, errorPage(400, 'invalid account'));
      return;
    }
    // Remember the grant for this browser.
    let browserId = cookieOf(req, COOKIE);
    let browser = browserId ? this.browsers.get(browserId) : undefined;
    if (!browserId || !browser || browser.login !== account.login) {
      browserId = randomToken(32);
      browser = { login: account.login, grants: new Map() };
      this.browsers.set(browserId, browser);
    }
    const granted = browser.grants.get(pending.clientId) ?? new Set<string>();
    for (const s of pending.scopes) granted.add(s);
    browser.grants.set(pending.clientId, granted);
    res.setHeader(
      'Set-Cookie',
      `${COOKIE}=${browserId}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=31536000`,
    );
    const rec = this.tokens.issue(pending.clientId, account, pending.scopes);
    redirectFragment(res, pending.redirectUri, rec.token, pending.scopes, pending.state);
  }

  private browserOf(req: IncomingMessage): BrowserGrant | undefined {
    const id = cookieOf(req, COOKIE);
    return id ? this.browsers.get(id) : undefined;
  }

  /** Forget all remembered grants (every browser signs in afresh). */
  forgetGrants(): void {
    this.browsers.clear();
  }

  private validate(req: IncomingMessage, res: ServerResponse): void {
    const header = req.headers.authorization ?? '';
    const m = /^(?:OAuth|Bearer)\s+(\S+)$/i.exec(header);
    if (!m) {
      sendJson(res, 401, { status: 401, message: 'missing authorization token' }, corsHeaders());
      return;
    }
    const rec = this.tokens.valid(m[1]);
    if (!rec) {
      sendJson(res, 401, { status: 401, message: 'invalid access token' }, corsHeaders());
      return;
    }
    sendJson(
      res,
      200,
      {
        client_id: rec.clientId,
        login: rec.login,
        scopes: rec.scopes,
        user_id: rec.userId,
        expires_in: Math.max(0, Math.floor((rec.expiresAt - Date.now()) / 1000)),
      },
      corsHeaders(),
    );
  }

  private async revoke(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req, 10_000);
    const form = new URLSearchParams(body);
    const clientId = form.get('client_id') ?? url.searchParams.get('client_id') ?? '';
    const token = form.get('token') ?? url.searchParams.get('token') ?? '';
    if (!clientId || !token) {
      sendJson(res, 400, { status: 400, message: 'missing client_id or token' }, corsHeaders());
      return;
    }
    if (!findClient(clientId)) {
      sendJson(res, 404, { status: 404, message: 'client does not exist' }, corsHeaders());
      return;
    }
    const rec = this.tokens.get(token);
    if (!rec || rec.clientId !== clientId) {
      sendJson(res, 400, { status: 400, message: 'Invalid token' }, corsHeaders());
      return;
    }
    rec.revoked = true;
    res.writeHead(200, corsHeaders());
    res.end();
  }
}

export function corsHeaders(): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Client-Id, Content-Type',
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'Access-Control-Expose-Headers': 'Ratelimit-Limit, Ratelimit-Remaining, Ratelimit-Reset',
  };
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function redirectQuery(
  res: ServerResponse,
  uri: string,
  params: Record<string, string | null>,
): void {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  res.writeHead(302, { Location: u.toString(), 'Cache-Control': 'no-store' });
  res.end();
}

function redirectFragment(
  res: ServerResponse,
  uri: string,
  token: string,
  scopes: string[],
  state: string | null,
): void {
  const params = new URLSearchParams({ access_token: token, scope: scopes.join(' ') });
  if (state !== null) params.set('state', state);
  params.set('token_type', 'bearer');
  res.writeHead(302, { Location: `${uri}#${params.toString()}`, 'Cache-Control': 'no-store' });
  res.end();
}
