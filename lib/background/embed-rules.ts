/**
 * Twitch answers its player and chat embeds with `Content-Security-Policy: frame-ancestors
 * https://<parent>`, which an extension page can never match. This rule removes that header —
 * only for sub-frames on Twitch's embed hosts that this extension's own pages load.
 */
import { browser, type Browser } from 'wxt/browser';

export const EMBED_RULE_ID = 1;
export const EMBED_HOSTS = ['player.twitch.tv', 'www.twitch.tv'];

export function embedRule(extensionHost: string): Browser.declarativeNetRequest.Rule {
  return {
    id: EMBED_RULE_ID,
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
      requestDomains: EMBED_HOSTS,
      resourceTypes: ['sub_frame' as Browser.declarativeNetRequest.ResourceType],
      initiatorDomains: [extensionHost],
    },
  };
}

export async function installEmbedRules(): Promise<void> {
  const extensionHost = new URL(browser.runtime.getURL('/')).host;
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: [EMBED_RULE_ID],
    addRules: [embedRule(extensionHost)],
  });
}
