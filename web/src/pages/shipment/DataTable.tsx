/**
 * The page's tables: a caption (shown, or for screen readers only), column headers, and rows of
 * cells. Columns of numbers and codes (container numbers, seals, HS codes) stay left to right in an
 * Arabic page: name them in `ltr`.
 */
import type { ReactNode } from 'react';

export interface DataRow {
  readonly key: string;
  readonly cells: readonly ReactNode[];
}

export function DataTable({ caption, hideCaption = false, columns, rows, ltr = [] }: {
  caption: string;
  hideCaption?: boolean;
  columns: readonly ReactNode[];
  rows: readonly DataRow[];
  ltr?: readonly number[];
}) {
  return (
    <table>
      <caption className={hideCaption ? 'sr-only' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => (
              <td key={index} {...(ltr.includes(index) ? { dir: 'ltr' } : {})}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
