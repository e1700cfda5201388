import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/i18n-provider';
import { ApiError } from '@/lib/problem';
import { uploadErrorKey } from './upload-errors';

describe('a refused upload', () => {
  it.each([
    [413, 'payload_too_large', 'This file is too large'],
    [415, 'unsupported_media_type', 'This kind of file cannot be added'],
    [422, 'unreadable_upload', 'No text could be read from this file'],
    [403, 'search_access_required', 'Your search plan has ended'],
  ])('%i %s is explained in plain words', (status, code, text) => {
    const key = uploadErrorKey(new ApiError({ status, code }));
    expect(key).not.toBeNull();
    expect(translate('en', key!)).toContain(text);
  });

  it('leaves other failures to the general messages', () => {
    expect(uploadErrorKey(new ApiError({ status: 500, code: 'internal_error' }))).toBeNull();
    expect(uploadErrorKey(new Error('boom'))).toBeNull();
  });
});
