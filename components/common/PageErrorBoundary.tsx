/**
 * What a page shows instead of going blank when something in it fails while rendering: what
 * failed, and the way out — resetting a setting the page reads (when a setting may be the cause),
 * opening the options page, reloading.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n';
import { settingLabel } from '../../lib/settings-file';
import { userSettings } from '../../lib/settings';
import { Button } from './Button';

/** Keys of the user settings this page has read (through `useStorageItem`), in reading order. */
const settingsRead = new Set<string>();

/** Notes that the page reads the stored item `key` (`sync:<name>` for a user setting). */
export function noteSettingRead(key: string): void {
  const name = key.startsWith('sync:') ? key.slice('sync:'.length) : undefined;
  if (name && Object.hasOwn(userSettings, name)) settingsRead.add(name);
}

/** A failure known to come from one setting's value: the page offers to reset that one only. */
export class SettingValueError extends Error {
  constructor(
    readonly settingKey: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingValueError';
  }
}

/** The settings a failure may have come from: the one it names, or every one the page read. */
function suspects(error: unknown): string[] {
  if (error instanceof SettingValueError && Object.hasOwn(userSettings, error.settingKey))
    return [error.settingKey];
  return [...settingsRead];
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

interface Props {
  children: ReactNode;
  /** The options page itself offers no link to itself. */
  isOptionsPage?: boolean;
}

interface State {
  failed: boolean;
  error?: unknown;
  resetting?: string;
}

export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Companion for Twitch: this page failed.', error, info.componentStack);
  }

  /** Puts the setting back to its default, then shows the page again. */
  private async reset(key: string): Promise<void> {
    this.setState({ resetting: key });
    try {
      await userSettings[key]?.removeValue();
    } finally {
      this.setState({ failed: false, error: undefined, resetting: undefined });
    }
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const keys = suspects(this.state.error);
    return (
      <div
        role="alert"
        className="m-4 flex flex-col gap-3 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        <h1 className="text-base font-semibold">{t('pageError.title')}</h1>
        <p className="break-words">{t('pageError.what', [describe(this.state.error)])}</p>
        {keys.length > 0 && (
          <div className="flex flex-col gap-2">
            <p>{t('pageError.settingHint')}</p>
            <div className="flex flex-wrap gap-2">
              {keys.map((key) => (
                <Button
                  key={key}
                  variant="danger"
                  disabled={this.state.resetting !== undefined}
                  onClick={() => void this.reset(key)}
                >
                  {t('pageError.reset', [settingLabel(key)])}
                </Button>
              ))}
            </div>
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          {!this.props.isOptionsPage && (
            <Button onClick={() => void browser.runtime.openOptionsPage()}>
              {t('pageError.openOptions')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => window.location.reload()}>
            {t('pageError.reload')}
          </Button>
        </div>
      </div>
    );
  }
}
