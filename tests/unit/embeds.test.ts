import { describe, expect, it } from 'vitest';
import { embedRules } from '../../lib/background/embed-rules';
import {
  chatEmbedUrl,
  chatEmbedUrlPattern,
  playerUrl,
  playerUrlPattern,
} from '../../lib/twitch/embeds';

const HOST = 'mopegfohpfbpglfngjfcfogemppmfpeo';
const FIREFOX_HOST = '3f0b9a5e-8c6d-4a3f-9d5e-2f7c1b0a9e11';

describe('the embed header rules', () => {
  it('match exactly the embed URLs the streamer page builds', () => {
    for (const host of [HOST, FIREFOX_HOST]) {
      const player = new RegExp(playerUrlPattern(host));
      const chat = new RegExp(chatEmbedUrlPattern(host));
      expect(player.test(playerUrl('demo_streamer', host))).toBe(true);
      expect(chat.test(chatEmbedUrl('demo_streamer', host, false))).toBe(true);
      expect(chat.test(chatEmbedUrl('demo_streamer', host, true))).toBe(true);
    }
  });

  it('leave every other page of the embed hosts alone', () => {
    const player = new RegExp(playerUrlPattern(HOST));
    const chat = new RegExp(chatEmbedUrlPattern(HOST));
    const others = [
      `https://player.twitch.tv/index.html?channel=demo&parent=${HOST}&muted=true&autoplay=true`,
      `https://player.twitch.tv/?channel=demo&parent=evil.example&muted=true&autoplay=true`,
      `https://player.twitch.tv/?channel=demo&parent=${HOST}.evil.example&muted=true&autoplay=true`,
      `https://player.twitch.tv/?video=123&parent=${HOST}&muted=true&autoplay=true`,
      `https://player.twitch.tv/?channel=demo&parent=${HOST}&muted=true&autoplay=true&x=1`,
      `https://www.twitch.tv/demo`,
      `https://www.twitch.tv/embed/demo/chat/?parent=${HOST}`,
      `https://www.twitch.tv/embed/demo/chat?parent=${HOST}&other=1`,
      `https://www.twitch.tv/popout/demo/chat?parent=${HOST}`,
      `https://www.twitch.tv/settings/security?parent=${HOST}`,
    ];
    for (const url of others) expect(player.test(url) || chat.test(url), url).toBe(false);
  });

  it('act only on sub-frames that the extension itself loads', () => {
    for (const rule of embedRules(HOST)) {
      expect(rule.condition.initiatorDomains).toEqual([HOST]);
      expect(rule.condition.resourceTypes).toEqual(['sub_frame']);
      expect(rule.condition.requestDomains).toBeUndefined();
      expect(rule.condition.regexFilter).toMatch(/^\^https:\/\//);
    }
  });
});
