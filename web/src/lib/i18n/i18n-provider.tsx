import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { catalogues, LOCALES, type Locale, type MessageKey, type PluralBase } from './catalogue';
import { formatDate, formatDateTime, formatMoney, formatNumber, type Money } from './format';

export const LOCALE_STORAGE_KEY = 'miyabi.locale';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

type I18n = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** The plural form for `count` (`{count}` is filled in, formatted for the locale). */
  plural: (base: PluralBase, count: number) => string;
  /** A catalogue key (client-side validation) translated; any other text (a server message) as is. */
  message: (keyOrText: string | undefined) => string | undefined;
  money: (money: Money) => string;
  number: (value: number | bigint) => string;
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
};

const I18nContext = createContext<I18n | null>(null);

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else the browser's language when we speak it, else English. */
export function initialLocale(storage: Storage = window.localStorage): Locale {
  try {
    const saved = storage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) {
      return saved;
    }
  } catch {
    // Storage may be unavailable (privacy mode); fall through.
  }
  const browser = globalThis.navigator?.language?.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

export function translate(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const template = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  if (!values) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not saved: the choice lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => translate(locale, key, values),
      plural: (base, count) => {
        const category = new Intl.PluralRules(locale).select(count);
        const key = (`${base}.${category}` in catalogues.en ? `${base}.${category}` : `${base}.other`) as MessageKey;
        return translate(locale, key, { count: new Intl.NumberFormat(locale).format(count) });
      },
      message: (keyOrText) =>
        keyOrText !== undefined && keyOrText in catalogues.en ? translate(locale, keyOrText as MessageKey) : keyOrText,
      money: (money) => formatMoney(money, locale),
      number: (value) => formatNumber(value, locale),
      dateTime: (iso) => formatDateTime(iso, locale),
      date: (iso) => formatDate(iso, locale),
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) {
    throw new Error('useI18n needs an <I18nProvider>');
  }
  return context;
}
