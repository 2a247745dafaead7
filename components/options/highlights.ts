/** The words for what the options page refuses in the highlight lists. */
import type { RegexRefusal } from '../../lib/for-you/rules';
import { t } from '../../lib/i18n';

/** Why a `/regular expression/` line is refused, in words. */
export function refusalText(line: string, refusal: RegexRefusal): string {
  switch (refusal.code) {
    case 'invalid':
      return t('forYou.options.refused.invalid', [line, refusal.message]);
    case 'nestedRepeat':
      return t('forYou.options.refused.nestedRepeat', [line]);
    case 'backreference':
      return t('forYou.options.refused.backreference', [line]);
    case 'tooManyRepeats':
      return t('forYou.options.refused.tooManyRepeats', [line, String(refusal.max)]);
    case 'tooSlow':
      return t('forYou.options.refused.tooSlow', [
        line,
        String(refusal.ms),
        String(refusal.budgetMs),
      ]);
  }
}
