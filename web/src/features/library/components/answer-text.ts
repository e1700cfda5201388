/** A run of an answer's text: plain words, or a `[n]` that refers to citation `n`. */
export type AnswerPart = { text: string } | { citation: number };

/**
 * The answer split at its citation marks. Only numbers the answer cites become references (`[7]` with
 * no citation 7 stays text), so a link never points at nothing; `[1, 2]` and `[1][2]` both work.
 */
export function splitAnswer(answer: string, cited: ReadonlySet<number>): AnswerPart[] {
  const parts: AnswerPart[] = [];
  const text = (value: string) => {
    if (value === '') return;
    const last = parts[parts.length - 1];
    if (last && 'text' in last) last.text += value;
    else parts.push({ text: value });
  };
  let from = 0;
  for (const match of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    const numbers = match[1]!.split(',').map((each) => Number.parseInt(each.trim(), 10));
    if (!numbers.every((n) => cited.has(n))) continue;
    text(answer.slice(from, match.index));
    numbers.forEach((n) => parts.push({ citation: n }));
    from = match.index + match[0].length;
  }
  text(answer.slice(from));
  return parts;
}
