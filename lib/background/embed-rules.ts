/**
 * Twitch answers its player and chat embeds with `Content-Security-Policy: frame-ancestors
 * https://<parent>`, which an extension page can never match. These rules remove that header (and
 * `X-Frame-Options`) only from the two embed URLs the streamer page loads — the player with this
 * extension as `parent`, the chat of a channel with this extension as `parent` — and only when one
 * of this extension's own pages frames them. Every other page on those hosts keeps its headers.
 */
import { browser, type Browser } from 'wxt/browser';
import { chatEmbedUrlPattern, playerUrlPattern } from '../twitch/embeds';
import { clipEmbedUrlPattern, videoPlayerUrlPattern } from '../twitch/videos';
import type { Feature } from './feature';

export const PLAYER_RULE_ID = 1;
export const CHAT_RULE_ID = 2;
/** The past-broadcast player at a moment, and a clip's embed ("Watch this moment", Clips). */
export const VIDEO_RULE_ID = 3;
export const CLIP_RULE_ID = 4;

function removeFramingHeaders(
  id: number,
  regexFilter: string,
  extensionHost: string,
): Browser.declarativeNetRequest.Rule {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders' as Browser.declarativeNetRequest.RuleActionType,
      responseHeaders: [
        {
          header: 'content-security-policy',
          operation: 'remove' as Browser.declarativeNetRequest.HeaderOperation,
        },
        {
          header: 'x-frame-options',
          operation: 'remove' as Browser.declarativeNetRequest.HeaderOperation,
        },
      ],
    },
    condition: {
      regexFilter,
      isUrlFilterCaseSensitive: true,
      resourceTypes: ['sub_frame' as Browser.declarativeNetRequest.ResourceType],
      initiatorDomains: [extensionHost],
    },
  };
}

export function embedRules(extensionHost: string): Browser.declarativeNetRequest.Rule[] {
  return [
    removeFramingHeaders(PLAYER_RULE_ID, playerUrlPattern(extensionHost), extensionHost),
    removeFramingHeaders(CHAT_RULE_ID, chatEmbedUrlPattern(extensionHost), extensionHost),
    removeFramingHeaders(VIDEO_RULE_ID, videoPlayerUrlPattern(extensionHost), extensionHost),
    removeFramingHeaders(CLIP_RULE_ID, clipEmbedUrlPattern(extensionHost), extensionHost),
  ];
}

export async function installEmbedRules(): Promise<void> {
  const extensionHost = new URL(browser.runtime.getURL('/')).host;
  const existing = await browser.declarativeNetRequest.getDynamicRules();
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: existing.map((rule) => rule.id),
    addRules: embedRules(extensionHost),
  });
}

/** The rules are stored by the browser: installed again at browser start, install and update. */
export const embedRulesFeature: Feature = { launch: installEmbedRules };
