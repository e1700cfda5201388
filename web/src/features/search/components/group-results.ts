import { SEARCH_TYPES } from '@/api/schemas/search';

export type ResultGroup<T extends { type: string }> = { type: string; results: T[] };

/**
 * The results by kind, each kind's results kept best first. Kinds follow the order of the contract
 * (products, courses, documents, uploads), so each has a fixed place on the page; a kind a newer server
 * adds comes after them, in the order it first appears.
 */
export function groupResults<T extends { type: string }>(results: readonly T[]): ResultGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const result of results) {
    const group = groups.get(result.type);
    if (group) group.push(result);
    else groups.set(result.type, [result]);
  }
  const known: string[] = SEARCH_TYPES.filter((type) => groups.has(type));
  const other = [...groups.keys()].filter((type) => !known.includes(type));
  return [...known, ...other].map((type) => ({ type, results: groups.get(type)! }));
}
