/**
 * A table of many rows that stays quick with thousands: only the rows in view (and a few around them)
 * are in the page (@tanstack/react-virtual). It is a table to assistive technology all the same:
 * role table with its caption, column headers, and aria-rowcount / aria-rowindex telling the real
 * size and each row's place, since most rows are not in the page at any moment.
 *
 * The table is its own scroll area (keyboard-focusable, so arrow keys and Page Down scroll it), with
 * its header row kept in view; columns are one CSS grid template shared by every row.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import './virtual-table.css';

export interface Column<Row> {
  readonly id: string;
  readonly header: ReactNode;
  /** Its track in the grid template, e.g. 'minmax(10rem, 2fr)'. */
  readonly width: string;
  readonly render: (row: Row) => ReactNode;
}

interface Props<Row> {
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** id of the element naming the table (its caption). */
  readonly labelledBy: string;
  /** How many rows there are in all, loaded or not; undefined when not known (aria-rowcount -1). */
  readonly rowCount: number | undefined;
  /** Called when the reader scrolls near the last row loaded: time to fetch more. */
  readonly onNearEnd?: () => void;
  readonly estimateRowHeight?: number;
  readonly className?: string;
}

export function VirtualTable<Row>({ columns, rows, rowKey, labelledBy, rowCount, onNearEnd, estimateRowHeight = 56, className }: Props<Row>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    setHeadHeight(headRef.current?.offsetHeight ?? 0);
  }, [columns]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan: 8,
    // The header row sits above the rows inside the same scroll area.
    scrollMargin: headHeight,
    getItemKey: (index) => rowKey(rows[index]!),
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (onNearEnd && rows.length > 0 && lastShown >= rows.length - 10) onNearEnd();
  }, [lastShown, rows.length, onNearEnd]);

  const template = { '--vtable-columns': columns.map((c) => c.width).join(' ') } as CSSProperties;
  return (
    <div
      ref={scrollRef}
      role="table"
      aria-labelledby={labelledBy}
      aria-rowcount={rowCount === undefined ? -1 : rowCount + 1}
      tabIndex={0}
      className={`vtable ${className ?? ''}`}
      style={template}
    >
      <div role="rowgroup" className="vtable-head" ref={headRef}>
        <div role="row" aria-rowindex={1} className="vtable-row">
          {columns.map((column) => (
            <div role="columnheader" key={column.id} className={`vtable-cell col-${column.id}`}>
              {column.header}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" style={{ blockSize: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              role="row"
              key={item.key}
              aria-rowindex={item.index + 2}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`vtable-row ${item.index % 2 === 1 ? 'even' : ''}`}
              style={{ transform: `translateY(${item.start - headHeight}px)` }}
            >
              {columns.map((column) => (
                <div role="cell" key={column.id} className={`vtable-cell col-${column.id}`}>
                  {column.render(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
