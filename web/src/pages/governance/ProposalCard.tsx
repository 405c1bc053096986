/**
 * One proposal: what it would do, who proposed it and when, where the vote stands, and each
 * elector's vote in words (with a sign that repeats it, never colour alone). A national coordinator
 * of an elector that has not voted gets the vote buttons; the server's refusal is shown as it says it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { useMe } from '../../session';
import { countryName } from '../../reference/names';
import { formatDay } from '../../i18n/format';
import type { Proposal } from './governance-types';
import { DataTable } from '../../components/DataTable';

const VOTE_SIGN = { yes: '✓', no: '✗', pending: '…' } as const;

export function ProposalCard({ proposal, onChanged }: { proposal: Proposal; onChanged: (proposal: Proposal) => void }) {
  const { t, i18n } = useTranslation('governance');
  const lang = i18n.language;
  const me = useMe();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [working, setWorking] = useState(false);
  const headingId = `proposal-${proposal.id}`;
  const myCountry = me.organisation.kind === 'national-coordinator' ? me.organisation.country : undefined;
  const mayVote = proposal.status === 'open' && myCountry !== undefined && proposal.tally.pending.includes(myCountry);

  const vote = async (choice: 'yes' | 'no') => {
    setWorking(true);
    setMessage(undefined);
    try {
      const { data, error, response } = await api.POST('/api/governance/proposals/{id}/votes', { params: { path: { id: proposal.id } }, body: { vote: choice } });
      if (data) {
        onChanged(data);
        setMessage({ text: t('vote.recorded', { vote: t(`vote.${choice}`) }), error: false });
      } else {
        const said = problemText(error);
        setMessage({ text: response.status === 403 ? t('vote.forbidden', { reason: said ?? '' }) : (said ?? t('vote.failed')), error: true });
      }
    } catch {
      setMessage({ text: t('common:error.unreachable'), error: true });
    } finally {
      setWorking(false);
    }
  };

  const voteOf = (country: string) => proposal.votes.find((v) => v.country === country);
  return (
    <article className="proposal card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`proposal.kind.${proposal.kind}`, { country: countryName(proposal.country, lang) })}</h3>
      <p>
        <strong>{t(`proposal.status.${proposal.status}`)}</strong>
        {' · '}
        {t('proposal.proposedBy', { country: countryName(proposal.proposedBy, lang), date: formatDay(proposal.openedAt, lang) })}
        {proposal.closedAt && ` · ${t('proposal.closedAt', { date: formatDay(proposal.closedAt, lang) })}`}
      </p>
      {proposal.motivation && (
        <blockquote className="motivation">
          <span className="visually-hidden">{t('proposal.motivation')}: </span>
          {proposal.motivation}
        </blockquote>
      )}
      <p>
        {t('proposal.tally', {
          yes: proposal.tally.yes.length,
          no: proposal.tally.no.length,
          pending: proposal.tally.pending.length,
          electors: proposal.electorate.length,
        })}
      </p>
      <DataTable caption={t('proposal.votesCaption')} columns={[t('proposal.elector'), t('proposal.vote'), t('proposal.castAt')]}>
        {proposal.electorate.map((country) => {
          const cast = voteOf(country);
          const choice = cast?.vote ?? 'pending';
          return (
            <tr key={country}>
              <th scope="row">{countryName(country, lang)}</th>
              <td className={`vote vote-${choice}`}>
                <span aria-hidden="true">{VOTE_SIGN[choice]} </span>
                {t(`vote.${choice}`)}
              </td>
              <td>{cast ? formatDay(cast.castAt, lang) : '—'}</td>
            </tr>
          );
        })}
      </DataTable>
      {mayVote && (
        <div className="toolbar" role="group" aria-label={t('vote.groupLabel', { country: countryName(myCountry, lang) })}>
          <button type="button" disabled={working} onClick={() => void vote('yes')}>
            {t('vote.castYes')}
          </button>
          <button type="button" className="danger-button" disabled={working} onClick={() => void vote('no')}>
            {t('vote.castNo')}
          </button>
        </div>
      )}
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text ?? ''}
      </p>
    </article>
  );
}
