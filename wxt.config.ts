import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

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
];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  vite: () => ({
    plugins: [tailwindcss()],
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', '.wxt/**', '.sim/**', 'coverage/**'],
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
      name: 'Companion for Twitch',
      description:
        'Follow your favorite Twitch streamer: every event recorded on your computer, a live streamer page and desktop notifications.',
      permissions,
      host_permissions: TWITCH_HOSTS,
      ...(isChrome && !(command === 'build' && mode === 'store') ? { key: CHROME_KEY } : {}),
      ...(isChrome
        ? {}
        : {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: '128.0',
                // Nothing leaves the browser except requests to Twitch on the user's behalf.
                data_collection_permissions: { required: ['none'] },
              },
            },
          }),
      action: { default_title: 'Companion for Twitch' },
    };
  },
});
