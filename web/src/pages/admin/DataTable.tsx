/**
 * The tables of these pages: a caption, column headers (numbers aligned to the end side), and the
 * rows given, in a box that scrolls sideways when the page is narrower than the table.
 */
import type { ReactNode } from 'react';
import './data-table.css';

export type Column = string | { readonly label: string; readonly numeric: true };

export function DataTable({ caption, columns, className, children }: { caption: string; columns: readonly Column[]; className?: string; children: ReactNode }) {
  return (
    <div className="table-box">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) =>
              typeof column === 'string' ? (
                <th key={index} scope="col">
                  {column}
                </th>
              ) : (
                <th key={index} scope="col" className="number">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
