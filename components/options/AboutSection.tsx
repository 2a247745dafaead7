import { browser } from 'wxt/browser';
import { Card } from './Card';

const PERMISSIONS: { name: string; why: string }[] = [
  {
    name: 'identity',
    why: 'Opens Twitch’s own sign-in window and receives the sign-in token. The extension never sees your password.',
  },
  {
    name: 'storage',
    why: 'Keeps your settings, your favorite streamer and your sign-in on this computer.',
  },
  {
    name: 'alarms',
    why: 'Wakes the extension regularly to check the connection to Twitch and re-validate your sign-in, as Twitch requires every hour.',
  },
  {
    name: 'notifications',
    why: 'Shows desktop notifications for the kinds of event you chose above.',
  },
  {
    name: 'declarativeNetRequestWithHostAccess',
    why: 'Lets Twitch’s player and chat appear on the streamer page: it removes the header that forbids embedding, only for frames this extension’s own pages load.',
  },
  {
    name: 'offscreen (Chrome only)',
    why: 'Keeps the live connection to Twitch in a hidden extension page, because Chrome may stop the background at any time.',
  },
];

const HOSTS: { name: string; why: string }[] = [
  {
    name: 'https://api.twitch.tv/*',
    why: 'Twitch’s API: channel details, search, subscribing to events and sending chat.',
  },
  {
    name: 'https://id.twitch.tv/*',
    why: 'Signing in, validating the sign-in every hour and revoking it when you sign out.',
  },
  {
    name: 'wss://eventsub.wss.twitch.tv/*',
    why: 'The live connection that delivers events (EventSub over WebSocket).',
  },
  { name: 'https://player.twitch.tv/*', why: 'The live player on the streamer page.' },
  { name: 'https://www.twitch.tv/*', why: 'Twitch’s chat on the streamer page.' },
  { name: 'https://static-cdn.jtvnw.net/*', why: 'Profile pictures and emotes.' },
];

function manifestVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

function PermissionList({
  label,
  items,
}: {
  label: string;
  items: { name: string; why: string }[];
}) {
  return (
    <dl aria-label={label} className="space-y-2">
      {items.map((item) => (
        <div key={item.name}>
          <dt>
            <code className="rounded bg-zinc-100 px-1 text-sm dark:bg-zinc-800">{item.name}</code>
          </dt>
          <dd className="text-sm text-zinc-700 dark:text-zinc-300">{item.why}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Version, and every permission with the reason it is needed. */
export function AboutSection() {
  return (
    <Card id="about" title="About">
      <p className="text-sm">
        Companion for Twitch <span data-testid="version">version {manifestVersion()}</span>. Not
        affiliated with Twitch. Everything it records stays on this computer.
      </p>
      <h3 className="font-semibold">Permissions and why they are needed</h3>
      <PermissionList label="Permissions" items={PERMISSIONS} />
      <h3 className="font-semibold">Sites it talks to</h3>
      <PermissionList label="Host permissions" items={HOSTS} />
    </Card>
  );
}
