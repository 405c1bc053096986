/** The member states: status, when and by which proposal admitted, their national coordinator. */
import { useTranslation } from 'react-i18next';
import { countryName, formatDay, type Member } from './governance-types';

export function MembersSection({ members }: { members: readonly Member[] }) {
  const { t, i18n } = useTranslation('governance');
  const lang = i18n.language;
  const sorted = [...members].sort((a, b) => countryName(a.country, lang).localeCompare(countryName(b.country, lang), lang));
  return (
    <section aria-labelledby="members-title" className="card">
      <h2 id="members-title">{t('members.title')}</h2>
      <div className="table-box">
        <table className="data-table">
          <caption>{t('members.caption', { count: members.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.country')}</th>
              <th scope="col">{t('members.status')}</th>
              <th scope="col">{t('members.admitted')}</th>
              <th scope="col">{t('members.coordinator')}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
