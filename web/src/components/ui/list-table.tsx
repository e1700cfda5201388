import type { ReactNode } from 'react';

/**
 * A list page's table: scrolls sideways inside its box on narrow screens, named by a visually hidden
 * caption, one header cell per column and a last, visually hidden "actions" header when the rows end
 * with buttons. `children` are the rows.
 */
export function ListTable({
  caption,
  columns,
  actionsLabel,
  className,
  wrapClassName,
  busy,
  children,
}: {
  caption: string;
  columns: string[];
  actionsLabel?: string;
  className?: string;
  wrapClassName?: string;
  /** True while the rows shown are those of the previous page or filter. */
  busy?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className ? `table ${className}` : 'table'} aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
            {actionsLabel ? (
              <th scope="col">
                <span className="visually-hidden">{actionsLabel}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
