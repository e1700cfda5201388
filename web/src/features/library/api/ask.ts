import { useMutation } from '@tanstack/react-query';
import { searchAnswerSchema, type SearchAnswer } from '@/api/schemas/search';
import { api } from '@/lib/api-client';

/** The server's limit on a question (docs/api.md "Search"). */
export const QUESTION_MAX = 1000;

/** An answer written from the passages the asker may see, with numbered citations (needs search access). */
export function ask(question: string): Promise<SearchAnswer> {
  return api.post('/api/search/answers', { question: question.trim() }, { schema: searchAnswerSchema });
}

export function useAsk() {
  return useMutation({ mutationFn: ask });
}
