import { describe, expect, it } from 'vitest';
import { groupResults } from './group-results';

describe('grouping results by kind', () => {
  it('keeps the contract order of kinds and each kind best first; unknown kinds come last', () => {
    const results = [
      { type: 'upload', id: 'u1' },
      { type: 'course', id: 'c1' },
      { type: 'video', id: 'v1' },
      { type: 'product', id: 'p1' },
      { type: 'course', id: 'c2' },
      { type: 'upload', id: 'u2' },
    ];

    expect(groupResults(results).map((group) => [group.type, group.results.map((result) => result.id)])).toEqual([
      ['product', ['p1']],
      ['course', ['c1', 'c2']],
      ['upload', ['u1', 'u2']],
      ['video', ['v1']],
    ]);
    expect(groupResults([])).toEqual([]);
  });
});
