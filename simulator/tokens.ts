import type { Account } from './world.js';
import { randomToken } from './ids.js';

export const DEMO_CLIENT_ID = 'companiondemoclient00000000000';
export const DEMO_REDIRECT_URI = 'https://mopegfohpfbpglfngjfcfogemppmfpeo.chromiumapp.org/';

export interface Client {
  clientId: string;
  name: string;
  redirectUris: string[];
  /** Extra redirect URIs accepted by pattern (Firefox identity redirect hosts). */
  redirectPatterns: RegExp[];
}

export const CLIENTS: Client[] = [
  {
    clientId: DEMO_CLIENT_ID,
    name: 'Companion for Twitch',
    redirectUris: [DEMO_REDIRECT_URI],
    redirectPatterns: [/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/],
  },
];

export const findClient = (clientId: string): Client | undefined =>
  CLIENTS.find((c) => c.clientId === clientId);

export function redirectAllowed(client: Client, uri: string): boolean {
  return client.redirectUris.includes(uri) || client.redirectPatterns.some((p) => p.test(uri));
}

/** Implicit-grant tokens live about 60 days on Twitch; the exact number is not documented. */
export const TOKEN_LIFETIME_SECONDS = 60 * 24 * 60 * 60;

export interface TokenRecord {
  token: string;
  clientId: string;
  userId: string;
  login: string;
  scopes: string[];
  issuedAt: string;
  expiresAt: number;
  revoked: boolean;
}

export interface TokenFilter {
  token?: string;
  login?: string;
  userId?: string;
}

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  issue(
    clientId: string,
    account: Account,
    scopes: string[],
    lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
  ): TokenRecord {
    const rec: TokenRecord = {
      token: randomToken(30),
      clientId,
      userId: account.id,
      login: account.login,
      scopes: [...new Set(scopes)],
      issuedAt: new Date().toISOString(),
      expiresAt: Date.now() + lifetimeSeconds * 1000,
      revoked: false,
    };
    this.tokens.set(rec.token, rec);
    return rec;
  }

  /** The token's record if it is usable (known, not revoked, not expired). */
  valid(token: string | undefined): TokenRecord | undefined {
    if (!token) return undefined;
    const rec = this.tokens.get(token);
    if (!rec || rec.revoked || rec.expiresAt <= Date.now()) return undefined;
    return rec;
  }

  /**
   * Has the user authorized the client id? Any token the user consented to that was not revoked
   * counts, expired or not (an expired token does not withdraw the authorization).
   */
  authorized(userId: string, clientId: string): boolean {
    for (const t of this.tokens.values())
      if (t.userId === userId && t.clientId === clientId && !t.revoked) return true;
    return false;
  }

  get(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  select(filter: TokenFilter): TokenRecord[] {
    return [...this.tokens.values()].filter(
      (t) =>
        (filter.token === undefined || t.token === filter.token) &&
        (filter.login === undefined || t.login === filter.login.toLowerCase()) &&
        (filter.userId === undefined || t.userId === filter.userId),
    );
  }

  expire(filter: TokenFilter): TokenRecord[] {
    const hit = this.select(filter);
    for (const t of hit) t.expiresAt = Date.now() - 1;
    return hit;
  }

  revoke(filter: TokenFilter): TokenRecord[] {
    const hit = this.select(filter);
    for (const t of hit) t.revoked = true;
    return hit;
  }

  list(): (TokenRecord & { state: 'valid' | 'expired' | 'revoked'; expiresIn: number })[] {
    const now = Date.now();
    return [...this.tokens.values()].map((t) => ({
      ...t,
      state: t.revoked ? 'revoked' : t.expiresAt <= now ? 'expired' : 'valid',
      expiresIn: Math.max(0, Math.floor((t.expiresAt - now) / 1000)),
    }));
  }
}
