import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { DataTable } from '../../components/DataTable';

/** Counts by row as a table: a row header and one number per row. */
export function CountTable({ caption, rowHeader, valueHeader, rows }: { caption: string; rowHeader: string; valueHeader: string; rows: readonly (readonly [string, string, number])[] }) {
  const { i18n } = useTranslation();
  return (
    <DataTable caption={caption} columns={[rowHeader, { label: valueHeader, numeric: true }]}>
      {rows.map(([key, label, count]) => (
        <tr key={key}>
          <th scope="row">{label}</th>
          <td className="number">{formatNumber(count, i18n.language)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
