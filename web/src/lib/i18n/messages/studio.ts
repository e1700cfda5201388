/**
 * UI text of the studio pages, English (the reference) and Japanese. Merged into the catalogue in
 * ../en.ts and ../ja.ts; tsc checks that both languages have the same keys.
 */
export const studioEn = {
  'studio.placeholder': 'studio',
} as const;

export const studioJa: Record<keyof typeof studioEn, string> = {
  'studio.placeholder': 'studio',
};
