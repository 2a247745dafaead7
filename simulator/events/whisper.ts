/** user.whisper.message: someone whispers a user, in the payload Twitch documents. */
import { actor, pick, uuid, who } from './common.js';
import type { Generator } from './common.js';

const WHISPER_LINES = [
  'hey, loved the stream yesterday!',
  'do you know when the next community night is?',
  'psst, check the discord announcement',
  'gg on that run earlier',
  'can I ask you something about the mod application?',
  'thanks for the raid last week <3',
];

/**
 * `to` names the recipient (login or id; the demo viewer by default), `user` the sender (a
 * random chatter by default), `text` the whisper.
 */
export const whisperMessage: Generator = (ctx) => {
  const to = ctx.world.resolve(ctx.opts.to ?? 'demo_viewer');
  const from = actor(ctx, [to.id]);
  const text = ctx.opts.text ?? pick(WHISPER_LINES);
  return {
    event: {
      ...who('from_user', from),
      ...who('to_user', to),
      whisper_id: uuid(),
      whisper: { text },
    },
    channelId: to.id,
  };
};
