import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { manifestCommands } from './lib/shortcuts';

/**
 * The public half of the key that fixes the Chrome extension id to
 * `mopegfohpfbpglfngjfcfogemppmfpeo` on every machine, so the OAuth redirect URL
 * (`https://mopegfohpfbpglfngjfcfogemppmfpeo.chromiumapp.org/`) can be registered once.
 * The Chrome Web Store assigns its own key: `npm run zip` leaves this one out.
 */
const CHROME_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAs2cgdgM/Afs4byrvcc4/Mqut6h3M+nO2' +
  'ry5mFRZoMM9JHyZ1ouI4PLiUJXEq3iLvSRKYc9p+XwtcU52BEIOZ85q+LVe8RGaP5L0kbbWYdDg0' +
  'ulVhiOEXGoE05J24E9EQBW5Td5rK+TI9rTtzgooMoiWTJyItNQrMfReJTAhcYerSpKjTW9pPF7DB' +
  '8JxXXZaTdzXwS+AtPBNhNYXwas2NZvA/vEwxP6FSvdzKpCME92l/w9ADGBDm+CJBpgOBytNimo49' +
  '5vdv7khlN0gDLW5/yqRBALRLzHE4I5TnVvdmJKcMF/2ZCXPGI6XeC5EqMEC/IFeC9ykbh1DMh/Ii' +
  'M2K9kwIDAQAB';

/** Firefox add-on id; it also fixes Firefox's OAuth redirect host. */
export const GECKO_ID = 'companion@twitch-companion.app';

/** Twitch's hosts: the API, sign-in, EventSub, the embeds and the image CDN. */
const TWITCH_HOSTS = [
  'https://api.twitch.tv/*',
  'https://id.twitch.tv/*',
  'wss://eventsub.wss.twitch.tv/*',
  'https://player.twitch.tv/*',
  'https://www.twitch.tv/*',
  'https://static-cdn.jtvnw.net/*',
  'https://clips.twitch.tv/*',
];

/**
 * The content security policy of every extension page (popup, streamer page, options, the
 * offscreen document, the background): scripts only from the extension itself, images only from
 * the extension, `data:` and Twitch's image CDN (avatars, emotes, badges), connections only to
 * Twitch's API, sign-in and EventSub hosts (and the image CDN, from which the background fetches
 * the favorite's avatar for notifications), frames only Twitch's embed hosts (the player, the chat,
 * and the clip embed; clip thumbnails are on the image CDN). docs/security.md
 * says why each is there.
 */
export const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "img-src 'self' data: https://static-cdn.jtvnw.net",
  'connect-src https://api.twitch.tv https://id.twitch.tv wss://eventsub.wss.twitch.tv https://static-cdn.jtvnw.net',
  'frame-src https://player.twitch.tv https://www.twitch.tv https://clips.twitch.tv',
].join('; ');

/**
 * zod 4 probes for `eval` once (`new Function("")`) to decide whether to compile object parsers.
 * An extension's content security policy forbids `eval` in both browsers, so the probe can only
 * fail, yet it logs a CSP violation and addons.mozilla.org's linter flags it (DANGEROUS_EVAL).
 * This answers the probe with "no" at build time, which is what it returns at run time anyway.
 */
function zodWithoutEvalProbe(): Plugin {
  const probe = /export const allowsEval = (\/\* @__PURE__\*\/ )?cached\(\(\) => \{[\s\S]*?\n\}\);/;
  return {
    name: 'zod-without-eval-probe',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id.split('?')[0]!)) return null;
      if (!probe.test(code)) {
        throw new Error('zod changed its eval probe: update zodWithoutEvalProbe in wxt.config.ts');
      }
      return {
        code: code.replace(probe, 'export const allowsEval = cached(() => false);'),
        map: null,
      };
    },
  };
}

/**
 * The Firefox pages keep React DOM in a chunk of its own (`chunks/react-dom-*.js`), unchanged, so
 * `npm run lint:firefox` can hold everything else to zero warnings (README, "The Firefox build").
 */
const REACT_DOM_CHUNK = {
  name: 'react-dom',
  test: /[\\/]node_modules[\\/](react-dom|scheduler)[\\/]/,
};
let targetBrowser = 'chrome';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  hooks: {
    'config:resolved': (wxt) => {
      targetBrowser = wxt.config.browser;
    },
    'vite:build:extendConfig': (entrypoints, config) => {
      const pages = entrypoints.some((e) => e.inputPath.endsWith('.html'));
      const output = config.build?.rollupOptions?.output;
      if (targetBrowser !== 'firefox' || !pages || !output || Array.isArray(output)) return;
      Object.assign(output, { codeSplitting: { groups: [REACT_DOM_CHUNK] } });
    },
  },
  imports: false,
  vite: () => ({
    plugins: [tailwindcss(), zodWithoutEvalProbe()],
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', '.wxt/**', '.sim/**', 'coverage/**'],
    // Hidden files are left out by default; these two are needed to install and check the sources.
    includeSources: ['.puppeteerrc.cjs', '.prettierrc.json'],
  },
  manifest: ({ browser, mode, command }) => {
    const isChrome = browser !== 'firefox';
    const permissions = [
      'identity',
      'storage',
      'alarms',
      'notifications',
      'declarativeNetRequestWithHostAccess',
      ...(isChrome ? ['offscreen'] : []),
    ];
    return {
      // The words come from locales/<language>.yml (README, "Languages").
      default_locale: 'en',
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      permissions,
      host_permissions: TWITCH_HOSTS,
      // Manifest V3 (Chrome) declares it per kind of context, Manifest V2 (Firefox) as one string.
      content_security_policy: isChrome
        ? { extension_pages: EXTENSION_PAGES_CSP }
        : EXTENSION_PAGES_CSP,
      ...(isChrome && !(command === 'build' && mode === 'store') ? { key: CHROME_KEY } : {}),
      ...(isChrome
        ? {}
        : {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                // 140 (the ESR before 153) is the first to know data_collection_permissions.
                strict_min_version: '140.0',
                // Nothing leaves the browser except requests to Twitch on the user's behalf.
                data_collection_permissions: { required: ['none'] },
              },
              // Firefox for Android learnt data_collection_permissions in 142.
              gecko_android: { strict_min_version: '142.0' },
            },
          }),
      // Listed, and changeable, in the browser's shortcut settings.
      commands: manifestCommands(),
    };
  },
});
