/**
 * Runs an action the background performs (sign in, sign out, save…): tracks that it is busy and
 * keeps the error it answered with, or says that the background did not answer.
 */
import { useCallback, useState } from 'react';
import { t } from '../../lib/i18n';
import type { ActionResult } from '../../lib/messaging';

/** @param noAnswer what to say when the background does not answer (default: please try again) */
export function useBackgroundAction(noAnswer?: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = useCallback(
    async (action: () => Promise<ActionResult>): Promise<boolean> => {
      setBusy(true);
      setError(undefined);
      try {
        const result = await action();
        if (!result.ok) setError(result.error);
        return result.ok;
      } catch {
        setError(noAnswer ?? t('common.noAnswerRetry'));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [noAnswer],
  );

  return { run, busy, error, clearError: useCallback(() => setError(undefined), []) };
}
