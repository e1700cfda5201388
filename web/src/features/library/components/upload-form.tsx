import { useId, useRef, useState, type FormEvent } from 'react';
import { UPLOAD_ACCEPT, UPLOAD_MAX_BYTES } from '@/api/search-uploads';
import type { Upload } from '@/api/schemas/search';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useUploadFile } from '../api/upload-file';
import { uploadErrorKey } from './upload-errors';

/**
 * Adds a file to the library: Markdown, plain text, HTML or PDF up to 10 MiB. A file over the limit is
 * refused before it is sent; what the server refuses (413, 415, 422) is explained next to the field.
 */
export function UploadForm() {
  const { t, number } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<Upload | null>(null);
  const upload = useUploadFile();

  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    if (!file) {
      setProblem(t('library.upload.error.noFile'));
      input.current?.focus();
      return;
    }
    if (file.size > UPLOAD_MAX_BYTES) {
      setProblem(t('library.upload.error.tooLarge'));
      input.current?.focus();
      return;
    }
    setProblem(null);
    upload.mutate(file, {
      onSuccess: (created) => {
        setAdded(created);
        setFile(null);
        if (input.current) input.current.value = '';
      },
      onError: (error) => {
        const key = uploadErrorKey(error);
        setProblem(key ? t(key) : errorMessage(error, t));
        input.current?.focus();
      },
    });
  }

  return (
    <form className="card library-upload" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('library.upload.title')}</h2>
      <div className={problem ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-file`}>{t('library.upload.file')}</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept={UPLOAD_ACCEPT}
          aria-invalid={problem ? true : undefined}
          aria-describedby={[`${id}-hint`, problem ? `${id}-error` : null].filter(Boolean).join(' ')}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setProblem(null);
          }}
        />
        <p id={`${id}-hint`} className="field-hint">
          {t('library.upload.hint')}
        </p>
        {problem ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <Button type="submit" busy={upload.isPending}>
        {t('library.upload.submit')}
      </Button>
      {added ? (
        <Alert tone="success">{t('library.upload.added', { title: added.title, characters: number(added.characters) })}</Alert>
      ) : null}
    </form>
  );
}
