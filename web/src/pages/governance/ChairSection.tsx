/** The coordinating chair: who holds it, since and until when, who is next, and the terms before. */
import { useTranslation } from 'react-i18next';
import { countryName } from '../../reference/names';
import { formatDay } from '../../i18n/format';
import type { Chair } from './governance-types';
import { DataTable } from '../../components/DataTable';

export function ChairSection({ chair }: { chair: Chair }) {
  const { t, i18n } = useTranslation('governance');
  const lang = i18n.language;
  const terms = [...chair.history, ...chair.scheduled];
  return (
    <section aria-labelledby="chair-title" className="card">
      <h2 id="chair-title">{t('chair.title')}</h2>
      {chair.current ? (
        <p className="chair-now">
          {chair.current.until
            ? t('chair.currentUntil', { country: countryName(chair.current.country, lang), from: formatDay(chair.current.from, lang), until: formatDay(chair.current.until, lang) })
            : t('chair.current', { country: countryName(chair.current.country, lang), from: formatDay(chair.current.from, lang) })}
        </p>
      ) : (
        <p>{t('chair.none')}</p>
      )}
      {chair.nextInRotation && <p>{t('chair.next', { country: countryName(chair.nextInRotation, lang) })}</p>}
      <DataTable caption={t('chair.termsCaption')} columns={[t('chair.country'), t('chair.from'), t('chair.until')]}>
        {terms.map((term, index) => {
          const next = terms[index + 1];
          const scheduled = index >= chair.history.length;
          return (
            <tr key={`${term.country}-${term.from}`}>
              <th scope="row">
                {countryName(term.country, lang)}
                {scheduled && <span className="muted"> {t('chair.scheduled')}</span>}
                {chair.current && term.from === chair.current.from && <span className="muted"> {t('chair.inOffice')}</span>}
              </th>
              <td>{formatDay(term.from, lang)}</td>
              <td>{next ? formatDay(next.from, lang) : t('chair.openEnded')}</td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}
