import { api } from '@/lib/api-client';
import { EXPORT_FORMATS, type ExportFormat } from '../types';

/**
 * Fetches an export of a completed job (Markdown, HTML or PDF) with the bearer token and hands it
 * to the browser as a download — the token never goes into a URL.
 */
export async function downloadJobResult(id: string, format: ExportFormat, fallbackName: string): Promise<void> {
  const { accept, extension } = EXPORT_FORMATS[format];
  const file = await api.file(`/api/ai/jobs/${encodeURIComponent(id)}/result`, { query: { format }, accept });
  saveBlob(file.blob, file.fileName ?? `${fallbackName}.${extension}`);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
