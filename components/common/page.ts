import { t, textLanguage } from '../../lib/i18n';

/**
 * An extension page in the browser's language: `<html lang>` names the language its words are in
 * and the tab title comes from the messages (the HTML's own title is the English fallback).
 */
export function localizePage(title: string = t('extName')): void {
  document.documentElement.lang = textLanguage();
  document.title = title;
}
