import { z } from 'zod';
import { assertSameKeys, type ApiSchema } from '@/api/openapi';

/** docs/api.md "Search": the kinds of source a search finds, in the order the results page groups them. */
export const SEARCH_TYPES = [
  'product',
  'course',
  'document',
  'upload',
] as const satisfies readonly ApiSchema<'SearchResult'>['type'][];
export type SearchType = (typeof SEARCH_TYPES)[number];

export function isSearchType(value: string): value is SearchType {
  return (SEARCH_TYPES as readonly string[]).includes(value);
}

/** The lesson of a course that matched, 1-based as the course page numbers them ("Lesson 2.3"). */
export const lessonRefSchema = z.object({ module: z.number().int(), lesson: z.number().int(), title: z.string() });
export type LessonRef = z.infer<typeof lessonRefSchema>;
assertSameKeys<LessonRef, ApiSchema<'Lesson'>>(true);

/** The section of a document or an upload that matched, 1-based. */
export const sectionRefSchema = z.object({ number: z.number().int(), heading: z.string().nullable() });
export type SectionRef = z.infer<typeof sectionRefSchema>;
assertSameKeys<SectionRef, ApiSchema<'Section'>>(true);

/**
 * One source found. `type` and `matchedBy` are read as strings: a kind or retriever a newer server
 * adds still renders instead of failing the page. `snippet` is HTML-escaped text whose only markup is
 * `<mark>…</mark>` (rendered by the search feature's `Snippet`, never as raw HTML).
 */
export const searchResultSchema = z.object({
  type: z.string(),
  id: z.string(),
  title: z.string(),
  snippet: z.string(),
  score: z.number(),
  matchedBy: z.array(z.string()),
  lesson: lessonRefSchema
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  section: sectionRefSchema
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
assertSameKeys<SearchResult, ApiSchema<'SearchResult'>>(true);

export const searchResultsSchema = z.object({ results: z.array(searchResultSchema), tookMs: z.number() });
export type SearchResults = z.infer<typeof searchResultsSchema>;
assertSameKeys<SearchResults, ApiSchema<'SearchResults'>>(true);

/** A file of the customer's private library. */
export const uploadSchema = z.object({
  id: z.string(),
  userId: z.string(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  title: z.string(),
  characters: z.number(),
  createdAt: z.string(),
});
export type Upload = z.infer<typeof uploadSchema>;
assertSameKeys<Upload, ApiSchema<'Upload'>>(true);

export const uploadSectionSchema = z.object({ number: z.number().int(), heading: z.string().nullable(), text: z.string() });
export type UploadSection = z.infer<typeof uploadSectionSchema>;
assertSameKeys<UploadSection, ApiSchema<'UploadSection'>>(true);

/** An upload with its passages, which search results and citations name by `section.number`. */
export const uploadDetailSchema = uploadSchema.extend({ sections: z.array(uploadSectionSchema) });
export type UploadDetail = z.infer<typeof uploadDetailSchema>;
assertSameKeys<UploadDetail, ApiSchema<'UploadDetail'>>(true);

/** A passage an answer cites: `[n]` in the answer's text refers to `n`. */
export const citationSchema = searchResultSchema
  .pick({ type: true, id: true, title: true, snippet: true, lesson: true, section: true })
  .extend({
    n: z.number().int(),
  });
export type Citation = z.infer<typeof citationSchema>;
assertSameKeys<Citation, ApiSchema<'Citation'>>(true);

export const searchAnswerSchema = z.object({
  answer: z.string(),
  citations: z.array(citationSchema),
  generatedBy: z.object({ provider: z.string(), model: z.string().nullable() }).nullable(),
  tokenUsage: z.object({ input: z.number(), output: z.number() }),
});
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
assertSameKeys<SearchAnswer, ApiSchema<'SearchAnswer'>>(true);
