/** What a Helix endpoint is given, how it refuses a request, and how it names an account. */
import type { IncomingMessage } from 'node:http';
import { HttpError, readBody } from '../http.js';
import type { TokenRecord } from '../tokens.js';
import type { Account } from '../world.js';

export interface HelixContext {
  req: IncomingMessage;
  url: URL;
  token: TokenRecord;
  query: URLSearchParams;
}

/** A handler answers a body (200) or `{ status, body }`; it refuses by throwing an HttpError. */
export type Handler = (ctx: HelixContext) => Promise<unknown> | unknown;

/** Handlers by `<METHOD> <path below /helix>`. */
export type Routes = Record<string, Handler>;

export const bad = (message: string): HttpError => new HttpError(400, 'Bad Request', message);
export const unauthorized = (message: string): HttpError =>
  new HttpError(401, 'Unauthorized', message);
export const forbidden = (message: string): HttpError => new HttpError(403, 'Forbidden', message);

/** 401 `Missing scope: <scope>` unless the token has the scope, as Helix answers it. */
export function requireScope(ctx: HelixContext, scope: string): void {
  if (!ctx.token.scopes.includes(scope)) throw unauthorized(`Missing scope: ${scope}`);
}

export async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (!text) throw bad('request body is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad('request body is not valid JSON');
  }
}

/** An account as Helix names it in a response: `<role>_id`, `<role>_login`, `<role>_name`. */
export function accountFields<R extends string>(
  role: R,
  a: Account,
): Record<`${R}_id` | `${R}_login` | `${R}_name`, string> {
  return {
    [`${role}_id`]: a.id,
    [`${role}_login`]: a.login,
    [`${role}_name`]: a.displayName,
  } as Record<`${R}_id` | `${R}_login` | `${R}_name`, string>;
}
