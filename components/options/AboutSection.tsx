import { browser } from 'wxt/browser';
import { Card } from './Card';
import { t } from '../../lib/i18n';
import { around, SLOT } from '../common/around';

const permissions = (): { name: string; why: string }[] => [
  { name: 'identity', why: t('about.permission.identity') },
  { name: 'storage', why: t('about.permission.storage') },
  { name: 'alarms', why: t('about.permission.alarms') },
  { name: 'notifications', why: t('about.permission.notifications') },
  {
    name: 'declarativeNetRequestWithHostAccess',
    why: t('about.permission.declarativeNetRequest'),
  },
  { name: t('about.permission.offscreenName'), why: t('about.permission.offscreen') },
];

const hosts = (): { name: string; why: string }[] => [
  { name: 'https://api.twitch.tv/*', why: t('about.host.api') },
  { name: 'https://id.twitch.tv/*', why: t('about.host.id') },
  { name: 'wss://eventsub.wss.twitch.tv/*', why: t('about.host.eventsub') },
  { name: 'https://player.twitch.tv/*', why: t('about.host.player') },
  { name: 'https://www.twitch.tv/*', why: t('about.host.chat') },
  { name: 'https://static-cdn.jtvnw.net/*', why: t('about.host.cdn') },
];

function manifestVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return t('about.unknownVersion');
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
  const about = around(t('about.text', [SLOT]));
  return (
    <Card id="about" title={t('about.title')}>
      <p className="text-sm">
        {about[0]}
        <span data-testid="version">{t('about.version', [manifestVersion()])}</span>
        {about[1]}
      </p>
      <h3 className="font-semibold">{t('about.permissionsTitle')}</h3>
      <PermissionList label={t('about.permissions')} items={permissions()} />
      <h3 className="font-semibold">{t('about.hostsTitle')}</h3>
      <PermissionList label={t('about.hosts')} items={hosts()} />
    </Card>
  );
}
