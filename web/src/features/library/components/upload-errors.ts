import type { MessageKey } from '@/lib/i18n/catalogue';
import { isApiError } from '@/lib/problem';

/** What a refused upload means for the person choosing files (413, 415, 422 and a client-side size check). */
const BY_CODE: Partial<Record<string, MessageKey>> = {
  payload_too_large: 'library.upload.error.tooLarge',
  unsupported_media_type: 'library.upload.error.unsupported',
  unreadable_upload: 'library.upload.error.unreadable',
  search_access_required: 'library.accessEnded',
};

export function uploadErrorKey(error: unknown): MessageKey | null {
  return isApiError(error) ? (BY_CODE[error.code] ?? null) : null;
}
