/** A typed allowance: a whole number of tokens, 0 or more (0 = unlimited); null when it is not one. */
export function parseAllowance(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,13}$/.test(trimmed)) return null;
  const tokens = Number(trimmed);
  return tokens <= 1_000_000_000_000 ? tokens : null;
}
