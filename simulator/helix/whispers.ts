/**
 * Send Whisper (`POST /helix/whispers?from_user_id&to_user_id`, body `{ message }`) as Twitch's
 * reference documents it: scope `user:manage:whispers`; 400 for the same id twice, an empty
 * message or a recipient who blocks whispers from strangers; 401 for a sender who is not the
 * token's user or has no verified phone number; 403 for a sender Twitch does not let whisper;
 * 404 for an unknown recipient; 429 over 3 a second, 100 a minute or 40 recipients a day; 204
 * otherwise — also when the whisper is dropped silently (`dropNext`). A longer message than
 * Twitch takes (500 characters, 10,000 once the recipient has whispered the sender) is cut.
 */
import type { Core } from '../core.js';
import { HttpError } from '../http.js';
import { isPlainObject } from '../objects.js';
import { bad, forbidden, jsonBody, requireScope, unauthorized, type Routes } from './route.js';

const tooMany = () =>
  new HttpError(
    429,
    'Too Many Requests',
    'The sending user exceeded the number of whisper requests that they may make. See Rate Limits for this API above.',
  );

export const whisperRoutes = (core: Core): Routes => ({
  'POST /whispers': async (c) => {
    requireScope(c, 'user:manage:whispers');
    const from = c.query.get('from_user_id');
    const to = c.query.get('to_user_id');
    if (!from) throw bad('Missing required parameter "from_user_id"');
    if (!to) throw bad('Missing required parameter "to_user_id"');
    if (from !== c.token.userId)
      throw unauthorized(
        'The ID in the from_user_id query parameter must match the user ID in the access token.',
      );
    if (from === to)
      throw bad('The ID in the from_user_id and to_user_id query parameters must be different.');
    const body = await jsonBody(c.req);
    const message = isPlainObject(body) ? body.message : undefined;
    if (typeof message !== 'string') throw bad('The message field must be present.');
    if (message === '') throw bad('The message field must not contain an empty string.');
    const whispers = core.whispers;
    const record = (status: number, extra: { delivered?: boolean; dropped?: boolean } = {}) =>
      whispers.log.push({
        fromUserId: from,
        toUserId: to,
        message,
        status,
        delivered: extra.delivered ?? false,
        dropped: extra.dropped ?? false,
        at: new Date().toISOString(),
      });
    try {
      const sender = whispers.settingsOf(from);
      if (!sender.verifiedPhone)
        throw unauthorized(
          'The user in the from_user_id query parameter must have a verified phone number.',
        );
      if (!sender.maySend)
        throw forbidden(
          'The user in the from_user_id query parameter is not allowed to send whispers.',
        );
      const recipient = core.world.accountById(to);
      if (!recipient)
        throw new HttpError(
          404,
          'Not Found',
          'The ID in the to_user_id query parameter was not found.',
        );
      if (whispers.settingsOf(to).blocksStrangers && !whispers.hasWhispered(to, from))
        throw bad(
          "The user that you're sending the whisper to doesn't allow whispers from strangers. See the Block Whispers from Strangers setting in your Security and Privacy settings.",
        );
      if (whispers.overLimit(from, to)) throw tooMany();
    } catch (e) {
      if (e instanceof HttpError) record(e.status);
      throw e;
    }
    if (whispers.dropNext > 0) {
      whispers.dropNext -= 1;
      record(204, { dropped: true });
      return { status: 204, body: undefined };
    }
    const max = whispers.maxLength(from, to);
    const chars = [...message];
    const text = chars.length > max ? chars.slice(0, max).join('') : message;
    core.trigger({ type: 'user.whisper.message', user: from, to, text });
    whispers.delivered(from, to);
    record(204, { delivered: true });
    if (chars.length > max) whispers.log[whispers.log.length - 1]!.truncatedTo = max;
    return { status: 204, body: undefined };
  },
});
