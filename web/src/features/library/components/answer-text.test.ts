import { describe, expect, it } from 'vitest';
import { splitAnswer } from './answer-text';

describe("an answer's citation marks", () => {
  it('turns [n] of cited passages into references and leaves other brackets as text', () => {
    expect(splitAnswer('Whisk it briskly [1]. Rinse after [2, 3][7] and [x].', new Set([1, 2, 3]))).toEqual([
      { text: 'Whisk it briskly ' },
      { citation: 1 },
      { text: '. Rinse after ' },
      { citation: 2 },
      { citation: 3 },
      { text: '[7] and [x].' },
    ]);
    expect(splitAnswer('No sources.', new Set())).toEqual([{ text: 'No sources.' }]);
  });
});
