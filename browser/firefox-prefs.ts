/** The throwaway Firefox profile's preferences (its user.js), for the Firefox driver. */

/** Twitch's hosts, resolved to loopback in the profile: the simulator listens there on 443. */
export const TWITCH_HOSTS = [
  'api.twitch.tv',
  'id.twitch.tv',
  'eventsub.wss.twitch.tv',
  'player.twitch.tv',
  'www.twitch.tv',
  'clips.twitch.tv',
  'static-cdn.jtvnw.net',
];

export function firefoxPrefs(options: {
  marionettePort: number;
  geckoId: string;
  uuid: string;
}): string {
  const prefs: Record<string, string | number | boolean> = {
    'marionette.port': options.marionettePort,
    // Twitch's hosts resolve to loopback, where the simulator listens on 443.
    'network.dns.localDomains': TWITCH_HOSTS.join(','),
    'network.proxy.type': 0,
    'network.dns.disableIPv6': true,
    'network.http.http3.enable': false,
    'extensions.webextensions.uuids': JSON.stringify({ [options.geckoId]: options.uuid }),
    // Quiet offline: no first-run pages, updates, telemetry or remote services.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.startup.page': 0,
    'browser.aboutwelcome.enabled': false,
    'startup.homepage_welcome_url': 'about:blank',
    'browser.newtabpage.enabled': false,
    'browser.tabs.warnOnClose': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'services.settings.server': 'https://127.0.0.1:9/v1',
    'browser.region.network.url': '',
    'geo.provider.network.url': '',
    // Popups opened by the add-on (the toolbar popup, the sign-in window) and notifications.
    'extensions.openPopupWithoutUserGesture.enabled': true,
    'dom.disable_open_during_load': false,
    'media.autoplay.default': 0,
    // No desktop notification daemon here: Firefox's own alert window shows notifications.
    'alerts.useSystemBackend': false,
    'alerts.totalOpenTime': 60000,
  };
  return Object.entries(prefs)
    .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`)
    .join('');
}
