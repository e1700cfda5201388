import { useId } from 'react';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('nav.language')}
      </label>
      <select id={id} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {LOCALE_NAMES[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
