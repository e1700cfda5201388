/**
 * UI text of the approvals pages, English (the reference) and Japanese. Merged into the catalogue in
 * ../en.ts and ../ja.ts; tsc checks that both languages have the same keys.
 */
export const approvalsEn = {
  'approvals.placeholder': 'approvals',
} as const;

export const approvalsJa: Record<keyof typeof approvalsEn, string> = {
  'approvals.placeholder': 'approvals',
};
