import type { ListenerStatus } from '../../lib/settings';
import { listenerStateDot, listenerStateLabel } from '../common/listener-state';
import { t } from '../../lib/i18n';
import { statusDetailWords } from '../../lib/wording/listener';

/** The listener's state in one line: is the extension hearing this channel right now? */
export function ListenerBadge({ status }: { status?: ListenerStatus }) {
  if (!status) return null;
  const detail =
    status.state !== 'connected' && status.detail ? statusDetailWords(status.detail) : undefined;
  return (
    <p
      className="flex items-center gap-2 text-sm"
      data-testid="listener-status"
      data-state={status.state}
    >
      <span
        aria-hidden="true"
        className={`inline-block h-2.5 w-2.5 rounded-full ${listenerStateDot[status.state]}`}
      />
      <span>
        <span className="sr-only">{`${t('streamer.listener')} `}</span>
        {listenerStateLabel()[status.state]}
      </span>
      {detail && <span className="text-zinc-600 dark:text-zinc-400">— {detail}</span>}
    </p>
  );
}
