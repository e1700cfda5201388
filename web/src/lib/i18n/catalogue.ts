import { en } from './en';
import { ja } from './ja';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/** Keys with plural forms: `<base>.one`, `<base>.other` (the CLDR categories the languages use). */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's own name, as the switch shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語' };

export const catalogues: Record<Locale, Messages> = { en, ja };
