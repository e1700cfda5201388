import { useId, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';

export type Column<Row> = { header: string; cell: (row: Row) => ReactNode; rowHeader?: boolean };

/**
 * A chart with an accessible name and a text alternative: the drawing is one image named by its
 * title and summary (screen readers skip its shapes), and the same numbers follow as a table in a
 * details element, for anyone who wants to read them.
 */
export function ChartFigure<Row>({
  title,
  summary,
  rows,
  columns,
  rowKey,
  children,
}: {
  title: string;
  /** One sentence with the chart's message, read as part of its name. */
  summary: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const summaryId = useId();
  return (
    <figure className="chart-card" aria-labelledby={titleId}>
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        <p id={summaryId} className="muted chart-summary">
          {summary}
        </p>
      </figcaption>
      <div className="chart-box" role="img" aria-labelledby={`${titleId} ${summaryId}`}>
        {/* The drawing's own parts (legend icons, tick labels) stay out of the accessibility tree. */}
        <div aria-hidden="true">{children}</div>
      </div>
      <details className="chart-numbers">
        <summary>{t('admin.dashboard.showNumbers')}</summary>
        {/* Focusable, so keyboard users can scroll a long table. */}
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table className="table chart-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) =>
                    column.rowHeader ? (
                      <th key={column.header} scope="row">
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.header}>{column.cell(row)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
