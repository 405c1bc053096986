/**
 * The app's tables: a caption (shown, or for screen readers only), column headers (numbers aligned to
 * the end side), and the rows, either given as data (`rows`, cells in column order; columns listed in
 * `ltr` stay left to right in an Arabic page: container numbers, seals, HS codes) or written by the
 * caller as <tr> children. A box around it scrolls sideways when the page is narrower than the table.
 */
import type { ReactNode } from 'react';
import './data-table.css';

export type Column = ReactNode | { readonly label: ReactNode; readonly numeric: true };

export interface DataRow {
  readonly key: string;
  readonly cells: readonly ReactNode[];
}

type Rows = { readonly rows: readonly DataRow[]; readonly ltr?: readonly number[]; readonly children?: never } | { readonly children: ReactNode; readonly rows?: never; readonly ltr?: never };

const isNumeric = (column: Column): column is { label: ReactNode; numeric: true } => typeof column === 'object' && column !== null && 'numeric' in column;

export function DataTable(props: { caption: string; hideCaption?: boolean; columns: readonly Column[]; className?: string } & Rows) {
  const { caption, hideCaption = false, columns, className } = props;
  return (
    <div className="table-box">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) =>
              isNumeric(column) ? (
                <th key={index} scope="col" className="number">
                  {column.label}
                </th>
              ) : (
                <th key={index} scope="col">
                  {column as ReactNode}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows
            ? props.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, index) => (
                    <td key={index} {...(props.ltr?.includes(index) ? { dir: 'ltr' } : {})}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))
            : props.children}
        </tbody>
      </table>
    </div>
  );
}
