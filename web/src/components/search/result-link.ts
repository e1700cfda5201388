import type { LessonRef, SectionRef } from '@/api/schemas/search';

/** What a search result or a citation names: its kind, its source's id, the lesson or section that matched. */
export type FoundSource = { type: string; id: string; lesson: LessonRef | null; section: SectionRef | null };

/**
 * The page that shows a found source, at the place that matched: a product's catalog page; a course's
 * reader at the lesson (`?module=2&lesson=3`); a document at its section (`?section=n`); an upload in
 * the library at its passage. A kind this client does not know has no page (null).
 */
export function resultPath(source: FoundSource): string | null {
  const id = encodeURIComponent(source.id);
  switch (source.type) {
    case 'product':
      return `/catalog/${id}`;
    case 'course':
      return source.lesson
        ? `/studio/jobs/${id}?module=${source.lesson.module}&lesson=${source.lesson.lesson}`
        : `/studio/jobs/${id}`;
    case 'document':
      return source.section ? `/studio/jobs/${id}?section=${source.section.number}` : `/studio/jobs/${id}`;
    case 'upload':
      return source.section ? `/library/uploads/${id}?section=${source.section.number}` : `/library/uploads/${id}`;
    default:
      return null;
  }
}
