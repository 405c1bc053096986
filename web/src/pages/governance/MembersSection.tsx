/** The member states: status, when and by which proposal admitted, their national coordinator. */
import { useTranslation } from 'react-i18next';
import { countryName } from '../../reference/names';
import { formatDay } from '../../i18n/format';
import type { Member } from './governance-types';
import { DataTable } from '../../components/DataTable';

export function MembersSection({ members }: { members: readonly Member[] }) {
  const { t, i18n } = useTranslation('governance');
  const lang = i18n.language;
  const sorted = [...members].sort((a, b) => countryName(a.country, lang).localeCompare(countryName(b.country, lang), lang));
  return (
    <section aria-labelledby="members-title" className="card">
      <h2 id="members-title">{t('members.title')}</h2>
      <DataTable caption={t('members.caption', { count: members.length })} columns={[t('members.country'), t('members.status'), t('members.admitted'), t('members.coordinator')]}>
        {sorted.map((member) => (
          <tr key={member.country}>
            <th scope="row">
              {countryName(member.country, lang)} <span className="muted">({member.country})</span>
            </th>
            <td>{t(`memberStatus.${member.status}`)}</td>
            <td>
              {formatDay(member.admittedAt, lang)}
              {member.admittedBy ? (
                <span className="muted">
                  {' '}
                  {t('members.byProposal')} <code dir="ltr">{member.admittedBy}</code>
                </span>
              ) : (
                <span className="muted"> {t('members.founder')}</span>
              )}
            </td>
            <td>{member.coordinatorOrganisationId ? <code dir="ltr">{member.coordinatorOrganisationId}</code> : t('members.noCoordinator')}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
