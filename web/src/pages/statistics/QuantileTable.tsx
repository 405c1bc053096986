/** Observed hours as a table: per row the number of shipments and the 10th, 50th and 90th percentile. */
import { useTranslation } from 'react-i18next';
import { formatHours, formatNumber } from '../../i18n/format';
import { DataTable } from '../../components/DataTable';

export interface QuantileRow {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export function QuantileTable({ caption, rowHeader, rows }: { caption: string; rowHeader: string; rows: readonly QuantileRow[] }) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  return (
    <DataTable caption={caption} columns={[rowHeader, { label: t('quantiles.n'), numeric: true }, { label: t('quantiles.p10'), numeric: true }, { label: t('quantiles.p50'), numeric: true }, { label: t('quantiles.p90'), numeric: true }]}>
      {rows.map((row) => (
        <tr key={row.key}>
          <th scope="row">{row.label}</th>
          <td className="number">{formatNumber(row.n, lang)}</td>
          <td className="number">{formatHours(row.p10, lang)}</td>
          <td className="number">{formatHours(row.p50, lang)}</td>
          <td className="number">{formatHours(row.p90, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
