import { describe, expect, it } from 'vitest';
import { MOD, VIEWER, helixFetch, subscribe, typeOf, useTestSim } from './support.js';

const sim = useTestSim();

const send = (token: string, from: string, to: string, message: unknown) =>
  helixFetch(`/whispers?from_user_id=${from}&to_user_id=${to}`, token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message }),
  });

const refusal = async (res: Response) => ({
  status: res.status,
  message: ((await res.json()) as { message: string }).message,
});

describe('user.whisper.message', () => {
  it('takes a condition of user_id alone, the user’s own, with a whisper scope, at cost 0', async () => {
    const s = await sim.socket();
    const session = await s.sessionId();
    const chatOnly = await sim.token('demo_viewer', ['user:read:chat']);
    expect(
      (await subscribe(chatOnly, session, 'user.whisper.message', '1', { user_id: VIEWER })).status,
    ).toBe(403);
    const reader = await sim.token('demo_viewer', ['user:read:whispers']);
    expect(
      (await subscribe(reader, session, 'user.whisper.message', '1', { user_id: MOD })).status,
    ).toBe(403);
    const extra = await subscribe(reader, session, 'user.whisper.message', '1', {
      user_id: VIEWER,
      broadcaster_user_id: '100001',
    });
    expect(extra.status).toBe(400);
    const ok = await subscribe(reader, session, 'user.whisper.message', '1', { user_id: VIEWER });
    expect(ok.status).toBe(202);
    expect(ok.body.data?.[0]).toMatchObject({ cost: 0, condition: { user_id: VIEWER } });
    // user:manage:whispers authorizes it too (for another socket of the same user).
    const manager = await sim.token('demo_mod', ['user:manage:whispers']);
    const s2 = await sim.socket();
    expect(
      (
        await subscribe(manager, await s2.sessionId(), 'user.whisper.message', '1', {
          user_id: MOD,
        })
      ).status,
    ).toBe(202);
    await s.close();
    await s2.close();
  });

  it('delivers a whisper from the control call, with the payload Twitch documents', async () => {
    const s = await sim.socket();
    const token = await sim.token('demo_viewer', ['user:read:whispers']);
    await subscribe(token, await s.sessionId(), 'user.whisper.message', '1', { user_id: VIEWER });
    const result = sim.control.whisper({ to: 'demo_viewer', from: 'pixelpaladin', text: 'psst' });
    expect(result.delivered).toHaveLength(1);
    const n = await s.next((m) => typeOf(m) === 'notification');
    const event = (n.payload as { event: Record<string, unknown> }).event;
    expect(Object.keys(event).sort()).toEqual(
      [
        'from_user_id',
        'from_user_login',
        'from_user_name',
        'to_user_id',
        'to_user_login',
        'to_user_name',
        'whisper',
        'whisper_id',
      ].sort(),
    );
    expect(event).toMatchObject({
      from_user_id: '100010',
      from_user_login: 'pixelpaladin',
      from_user_name: 'PixelPaladin',
      to_user_id: VIEWER,
      to_user_login: 'demo_viewer',
      to_user_name: 'DemoViewer',
      whisper: { text: 'psst' },
    });
    // Only the recipient hears of it.
    expect(sim.control.whisper({ to: 'demo_mod', text: 'hi' }).delivered).toHaveLength(0);
    await s.close();
  });
});

describe('Send Whisper', () => {
  it('sends with user:manage:whispers, delivers to the recipient and answers 204', async () => {
    sim.control.clearLogs();
    const s = await sim.socket();
    const modToken = await sim.token('demo_mod', ['user:read:whispers']);
    await subscribe(modToken, await s.sessionId(), 'user.whisper.message', '1', { user_id: MOD });
    const token = await sim.token('demo_viewer', ['user:manage:whispers']);
    const res = await send(token, VIEWER, MOD, 'hello mod');
    expect(res.status).toBe(204);
    const n = await s.next((m) => typeOf(m) === 'notification');
    expect((n.payload as { event: Record<string, unknown> }).event).toMatchObject({
      from_user_id: VIEWER,
      to_user_id: MOD,
      whisper: { text: 'hello mod' },
    });
    expect(sim.control.whispers({ login: 'demo_viewer' })).toMatchObject([
      { toUserId: MOD, message: 'hello mod', status: 204, delivered: true, dropped: false },
    ]);
    // The sender does not hear of their own whisper.
    expect(sim.control.notifications({ type: 'user.whisper.message' })).toHaveLength(1);
    await s.close();
  });

  it('refuses as Twitch documents: scope, ids, empty message, phone, suspension, recipient, strangers', async () => {
    const reader = await sim.token('demo_viewer', ['user:read:whispers']);
    expect(await refusal(await send(reader, VIEWER, MOD, 'x'))).toEqual({
      status: 401,
      message: 'Missing scope: user:manage:whispers',
    });
    const token = await sim.token('demo_viewer', ['user:manage:whispers']);
    expect((await send(token, MOD, VIEWER, 'x')).status).toBe(401);
    expect((await send(token, VIEWER, VIEWER, 'x')).status).toBe(400);
    expect(await refusal(await send(token, VIEWER, MOD, ''))).toEqual({
      status: 400,
      message: 'The message field must not contain an empty string.',
    });
    expect(await refusal(await send(token, VIEWER, '999999', 'x'))).toEqual({
      status: 404,
      message: 'The ID in the to_user_id query parameter was not found.',
    });
    sim.control.configureWhispers({ user: 'demo_viewer', verifiedPhone: false });
    expect((await refusal(await send(token, VIEWER, MOD, 'x'))).message).toMatch(/verified phone/);
    sim.control.configureWhispers({ user: 'demo_viewer', verifiedPhone: true, maySend: false });
    expect((await send(token, VIEWER, MOD, 'x')).status).toBe(403);
    sim.control.configureWhispers({ user: 'demo_viewer', maySend: true });
    sim.control.configureWhispers({ user: 'raidleader', blocksStrangers: true });
    expect(await refusal(await send(token, VIEWER, '100013', 'x'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/strangers/),
    });
    // Once they whispered the viewer, the viewer is no stranger.
    sim.control.whisper({ from: 'raidleader', to: 'demo_viewer' });
    expect((await send(token, VIEWER, '100013', 'x')).status).toBe(204);
    sim.control.configureWhispers({ user: 'raidleader', blocksStrangers: false });
  });

  it('limits to 3 a second and 40 different recipients a day (429)', async () => {
    const token = await sim.token('demo_mod', ['user:manage:whispers']);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await send(token, MOD, VIEWER, `n${i}`)).status);
    expect(answers).toEqual([204, 204, 204, 429]);
    expect((await refusal(await send(token, MOD, VIEWER, 'again'))).message).toMatch(
      /exceeded the number of whisper requests/,
    );
    await new Promise((r) => setTimeout(r, 1_100));
    sim.control.configureWhispers({ user: 'demo_mod', recipientsToday: 40 });
    // Someone whispered today is still allowed; a 41st new recipient is not.
    expect((await send(token, MOD, VIEWER, 'still fine')).status).toBe(204);
    expect((await send(token, MOD, '100011', 'new person')).status).toBe(429);
  });

  it('cuts a long whisper (500 to a new recipient) and drops one silently when told', async () => {
    sim.control.clearLogs();
    const token = await sim.token('demo_viewer', ['user:manage:whispers']);
    expect((await send(token, VIEWER, '100012', 'y'.repeat(600))).status).toBe(204);
    const [cut] = sim.control.whispers({ login: 'demo_viewer' });
    expect(cut).toMatchObject({ truncatedTo: 500, delivered: true });
    sim.control.configureWhispers({ dropNext: 1 });
    expect((await send(token, VIEWER, '100012', 'dropped')).status).toBe(204);
    expect(sim.control.whispers({ login: 'demo_viewer' })[1]).toMatchObject({
      status: 204,
      delivered: false,
      dropped: true,
    });
    expect(sim.control.configureWhispers({}).dropNext).toBe(0);
  });
});
