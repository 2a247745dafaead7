import { describe, expect, it } from 'vitest';
import { useTestSim } from './support.js';

const sim = useTestSim();

const EXT = 'mopegfohpfbpglfngjfcfogemppmfpeo';

describe('embeds', () => {
  it('serves the player with frame-ancestors for the parent and records the request', async () => {
    const res = await fetch(
      `https://player.twitch.tv/?channel=demo&parent=${EXT}&muted=true&autoplay=true`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors https://${EXT}`);
    const html = await res.text();
    expect(html).toContain('LIVE');
    expect(html).toContain('@keyframes');
    const rec = sim.control.embeds().at(-1);
    expect(rec).toMatchObject({
      kind: 'player',
      channel: 'demo',
      parent: [EXT],
      status: 200,
      host: 'player.twitch.tv',
    });
    const offline = await (
      await fetch('https://player.twitch.tv/?channel=cozycrafter&parent=example.com')
    ).text();
    expect(offline).toContain('OFFLINE');
  });

  it('serves the chat embed (darkpopout) with its feed', async () => {
    sim.control.trigger({ type: 'channel.chat.message', text: '<img src=x onerror=alert(1)>' });
    const res = await fetch(`https://www.twitch.tv/embed/demo/chat?parent=${EXT}&darkpopout`);
    expect(res.headers.get('content-security-policy')).toBe(`frame-ancestors https://${EXT}`);
    expect(await res.text()).toContain('#18181b');
    const feed = (await (
      await fetch('https://www.twitch.tv/embed/demo/chat/messages.json?after=0')
    ).json()) as { lines: { text: string }[] };
    expect(feed.lines.at(-1)?.text).toBe('<img src=x onerror=alert(1)>');
    expect(sim.control.embeds().at(-1)).toMatchObject({
      kind: 'chat',
      channel: 'demo',
      parent: [EXT],
    });
  });

  it('answers a missing or bad parent with an error page and no frame-ancestors for it', async () => {
    for (const url of [
      'https://player.twitch.tv/?channel=demo',
      'https://www.twitch.tv/embed/demo/chat',
      'https://player.twitch.tv/?channel=demo&parent=https://x.com/',
    ]) {
      const res = await fetch(url);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-security-policy')).toBeNull();
      expect(await res.text()).toContain('parent');
    }
    expect(sim.control.embeds().filter((e) => e.status === 400)).toHaveLength(3);
  });

  it('escapes what it echoes', async () => {
    const res = await fetch('https://player.twitch.tv/?channel=%3Cscript%3E&parent=example.com');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<script>');
  });

  it('serves generated images on static-cdn.jtvnw.net', async () => {
    const picture = await fetch(
      'https://static-cdn.jtvnw.net/jtv_user_pictures/demo-profile_image-300x300.png',
    );
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await picture.arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (const path of [
      '/emoticons/v2/25/static/dark/1.0',
      '/previews-ttv/live_user_demo-320x180.jpg',
    ]) {
      const res = await fetch(`https://static-cdn.jtvnw.net${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toMatch(/^<svg/);
    }
  });
});
