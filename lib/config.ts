/**
 * Build-time configuration. The Twitch application's client id comes from
 * `WXT_TWITCH_CLIENT_ID` when the extension is built; without it the extension still
 * builds and its popup explains how to configure it.
 */
export const TWITCH_CLIENT_ID: string = (import.meta.env.WXT_TWITCH_CLIENT_ID ?? '').trim();

export const isConfigured = (): boolean => /^[a-z0-9]{20,40}$/i.test(TWITCH_CLIENT_ID);

export const TWITCH_ID_URL = 'https://id.twitch.tv/oauth2';
export const TWITCH_HELIX_URL = 'https://api.twitch.tv/helix';
export const TWITCH_EVENTSUB_URL = 'wss://eventsub.wss.twitch.tv/ws';
