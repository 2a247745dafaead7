/** Whispers: whisper a user, Twitch's per-user whisper settings and limits, the Send Whisper log. */
import type { Core, TriggerResult } from '../core.js';
import type { WhisperRecord, WhisperSettings } from '../whispers.js';
import { fail } from './errors.js';

export function whisperOperations(core: Core) {
  return {
    /**
     * Someone whispers `to` (login or id; the demo viewer by default): `from` (a random chatter
     * by default) and `text` (a line of the demo by default). Delivered to `to`'s
     * `user.whisper.message` subscriptions.
     */
    whisper(opts: { to?: string; from?: string; text?: string } = {}): TriggerResult {
      const to = core.world.resolve(opts.to ?? 'demo_viewer');
      if (opts.from !== undefined && core.world.resolve(opts.from).id === to.id)
        return fail('nobody whispers themselves');
      if (opts.text !== undefined && typeof opts.text !== 'string')
        return fail('text must be a string');
      const result = core.trigger({
        type: 'user.whisper.message',
        to: to.id,
        ...(opts.from !== undefined ? { user: opts.from } : {}),
        ...(opts.text !== undefined ? { text: opts.text } : {}),
      });
      core.whispers.delivered(String(result.event.from_user_id), to.id);
      return result;
    },

    /**
     * A user's whisper settings on Twitch (`verifiedPhone`, `maySend`, `blocksStrangers`), how
     * many different recipients they already whispered today (`recipientsToday`, up to the 40
     * Twitch allows), and how many of the next Send Whisper calls are dropped silently
     * (`dropNext`, for everyone).
     */
    configureWhispers(
      opts: Partial<WhisperSettings> & {
        user?: string;
        recipientsToday?: number;
        dropNext?: number;
      } = {},
    ): WhisperSettings & { recipientsToday?: number; dropNext: number } {
      const userId = core.world.resolve(opts.user ?? 'demo_viewer').id;
      const change: Partial<WhisperSettings> = {};
      for (const key of ['verifiedPhone', 'maySend', 'blocksStrangers'] as const) {
        const value = opts[key];
        if (value === undefined) continue;
        if (typeof value !== 'boolean') return fail(`${key} must be true or false`);
        change[key] = value;
      }
      const settings = core.whispers.configure(userId, change);
      let recipientsToday: number | undefined;
      if (opts.recipientsToday !== undefined) {
        if (!Number.isInteger(opts.recipientsToday) || opts.recipientsToday < 0)
          return fail('recipientsToday must be a whole number');
        recipientsToday = core.whispers.useRecipients(userId, opts.recipientsToday);
      }
      if (opts.dropNext !== undefined) {
        if (!Number.isInteger(opts.dropNext) || opts.dropNext < 0)
          return fail('dropNext must be a whole number');
        core.whispers.dropNext = opts.dropNext;
      }
      return {
        ...settings,
        ...(recipientsToday !== undefined ? { recipientsToday } : {}),
        dropNext: core.whispers.dropNext,
      };
    },

    /** Every Send Whisper call: who to whom, what, the status answered, delivered or dropped. */
    whispers(opts: { login?: string } = {}): WhisperRecord[] {
      const userId = opts.login ? core.world.resolve(opts.login).id : undefined;
      return core.whispers.log.filter((w) => userId === undefined || w.fromUserId === userId);
    },
  };
}
