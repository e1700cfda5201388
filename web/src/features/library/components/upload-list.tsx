import { useState } from 'react';
import { Link } from 'react-router';
import type { Upload } from '@/api/schemas/search';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ListTable } from '@/components/ui/list-table';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { useDeleteUpload } from '../api/upload-file';

/** A size in bytes as people read it: 812 B, 14.2 KB, 3.1 MB. */
export function fileSize(bytes: number, format: (value: number) => string): string {
  if (bytes < 1024) return `${format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${format(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/** The library's files, newest first, each with its page and a delete that asks once more. */
export function UploadList({ uploads, busy }: { uploads: Upload[]; busy: boolean }) {
  const { t } = useI18n();
  return (
    <ListTable
      caption={t('library.files.caption')}
      columns={[t('library.files.title'), t('library.files.size'), t('library.files.added')]}
      actionsLabel={t('library.files.actions')}
      busy={busy}
    >
      {uploads.map((upload) => (
        <UploadRow key={upload.id} upload={upload} />
      ))}
    </ListTable>
  );
}

function UploadRow({ upload }: { upload: Upload }) {
  const { t, dateTime, number } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteUpload();
  return (
    <tr>
      <td>
        <Link to={`/library/uploads/${encodeURIComponent(upload.id)}`}>{upload.title}</Link>
        <div className="muted">{upload.filename}</div>
      </td>
      <td>{fileSize(upload.sizeBytes, number)}</td>
      <td>{dateTime(upload.createdAt)}</td>
      <td className="library-actions">
        {confirming ? (
          <>
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(upload.id)}>
              {t('library.files.confirmDelete', { title: upload.title })}
            </Button>
            <Button variant="ghost" disabled={remove.isPending} onClick={() => setConfirming(false)}>
              {t('library.files.keep')}
            </Button>
          </>
        ) : (
          <Button
            variant="secondary"
            onClick={() => setConfirming(true)}
            aria-label={t('library.files.deleteNamed', { title: upload.title })}
          >
            {t('library.files.delete')}
          </Button>
        )}
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error, t)}</Alert> : null}
      </td>
    </tr>
  );
}
