import { describe, expect, it, vi } from 'vitest';
import { Activity } from '../activity.js';
import { Core, type TriggerResult } from '../core.js';
import type { Subscription } from '../eventsub/model.js';
import { DEMO, VIEWER } from './support.js';

/** A core where `userId` listens (to the demo chat, or to whispers), and what the demo fires. */
function demoWith(listens: { type: string; condition: Record<string, string> }[]) {
  const core = new Core(() => undefined);
  listens.forEach(({ type, condition }, i) => {
    const sub: Subscription = {
      id: `sub-${i}`,
      type,
      version: '1',
      condition,
      status: 'enabled',
      cost: 0,
      createdAt: '',
      sessionId: 'none',
      connectedAt: '',
      disconnectedAt: null,
      userId: condition.user_id ?? '',
      clientId: 'c',
    };
    core.eventsub.subscriptions.set(sub.id, sub);
  });
  const fired = vi.spyOn(core, 'trigger');
  const events = () =>
    fired.mock.results
      .map((r) => r.value as TriggerResult)
      .map((r) => ({ type: r.type, event: r.event }));
  return { core, activity: new Activity(core), fired, events };
}

const chatOf = (userId: string) => ({
  type: 'channel.chat.message',
  condition: { broadcaster_user_id: DEMO, user_id: userId },
});

describe('the demo talks to the signed-in user', () => {
  it('mentions them: an @login text with a mention fragment naming their id', () => {
    const { activity, events } = demoWith([chatOf(VIEWER)]);
    expect(activity.mentionUser()).toBe(true);
    const [line] = events();
    const message = line!.event.message as { text: string; fragments: Record<string, unknown>[] };
    expect(message.text).toMatch(/^@demo_viewer /);
    expect(message.fragments).toContainEqual(
      expect.objectContaining({
        type: 'mention',
        text: '@demo_viewer',
        mention: { user_id: VIEWER, user_login: 'demo_viewer', user_name: 'DemoViewer' },
      }),
    );
    expect(line!.event.chatter_user_id).not.toBe(VIEWER);
  });

  it('mentions nobody when no user listens to the demo chat', () => {
    const { activity, fired } = demoWith([]);
    expect(activity.mentionUser()).toBe(false);
    expect(fired).not.toHaveBeenCalled();
  });

  it('answers what the user writes in chat, once, as a reply to their line', async () => {
    const { core, activity, events } = demoWith([chatOf(VIEWER)]);
    const written = core.trigger({
      type: 'channel.chat.message',
      user: 'demo_viewer',
      text: 'hi all',
    });
    activity.running = true;
    activity.replyDelayMs = [0, 0];
    activity.answerUsers();
    activity.answerUsers(); // the same line is answered once
    await vi.waitFor(() => expect(events()).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    const replies = events().slice(1);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.event.reply).toMatchObject({
      parent_message_id: written.event.message_id,
      parent_user_id: VIEWER,
      parent_user_login: 'demo_viewer',
      parent_message_body: 'hi all',
    });
    expect((replies[0]!.event.message as { text: string }).text).toMatch(/^@demo_viewer /);
    activity.stop();
  });

  it('whispers every user who listens for whispers, from someone else', () => {
    const { activity, events } = demoWith([
      { type: 'user.whisper.message', condition: { user_id: VIEWER } },
    ]);
    activity.whisperUsers();
    const [whisper] = events();
    expect(whisper!.type).toBe('user.whisper.message');
    expect(whisper!.event).toMatchObject({
      to_user_id: VIEWER,
      whisper: { text: expect.any(String) },
    });
    expect(whisper!.event.from_user_id).not.toBe(VIEWER);
  });
});
