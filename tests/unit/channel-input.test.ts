import { describe, expect, it } from 'vitest';
import { parseChannelInput } from '../../lib/twitch/channel-input';

describe('parseChannelInput', () => {
  it.each([
    ['demo', 'demo'],
    ['  PixelPaladin ', 'pixelpaladin'],
    ['@speedrunsam', 'speedrunsam'],
    ['https://www.twitch.tv/cozycrafter', 'cozycrafter'],
    ['twitch.tv/nightowl_tv/videos', 'nightowl_tv'],
    ['https://m.twitch.tv/raidleader?ref=x', 'raidleader'],
  ])('accepts %j as %j', (input, login) => {
    expect(parseChannelInput(input)).toEqual({ ok: true, login });
  });

  it.each([
    ['', /Type the streamer/],
    ['https://youtube.com/@someone', /Only twitch\.tv links/],
    ['https://www.twitch.tv/directory', /does not point to a channel/],
    ['not a name!', /not a valid Twitch name/],
    ['ab', /not a valid Twitch name/],
  ])('rejects %j with a clear message', (input, message) => {
    const result = parseChannelInput(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});
