/**
 * Governance of the network: the member states, the coordinating chair and its terms, and the
 * proposals to admit, suspend or reinstate a state with every member's vote. National coordinators
 * of member states vote and propose here; everyone who may read governance sees it all.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { useMe } from '../../session';
import { ChairSection } from './ChairSection';
import type { Chair, Member, Proposal } from './governance-types';
import { MembersSection } from './MembersSection';
import { ProposalCard } from './ProposalCard';
import { ProposeForm } from './ProposeForm';
import '../../components/forms.css';
import './governance.css';

interface Governance {
  members: Member[];
  chair: Chair;
  proposals: Proposal[];
}

export default function GovernancePage() {
  const { t } = useTranslation('governance');
  const me = useMe();
  const [governance, setGovernance] = useState<Governance>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    let current = true;
    Promise.all([api.GET('/api/governance/members'), api.GET('/api/governance/chair'), api.GET('/api/governance/proposals')])
      .then(([members, chair, proposals]) => {
        if (!current) return;
        if (members.data && chair.data && proposals.data) setGovernance({ members: members.data.members, chair: chair.data, proposals: proposals.data.proposals });
        else {
          const refused = members.response.status === 403 || chair.response.status === 403;
          const said = problemText(members.error ?? chair.error ?? proposals.error);
          setFailure(refused ? t('forbidden', { reason: said ?? '' }) : (said ?? t('loadFailed')));
        }
      })
      .catch(() => current && setFailure(t('common:error.unreachable')));
    return () => {
      current = false;
    };
  }, [t]);

  const coordinator = me.organisation.kind === 'national-coordinator';
  const replace = (changed: Proposal) => setGovernance((g) => g && { ...g, proposals: g.proposals.some((p) => p.id === changed.id) ? g.proposals.map((p) => (p.id === changed.id ? changed : p)) : [changed, ...g.proposals] });
  // Open proposals first, then the most recent.
  const proposals = [...(governance?.proposals ?? [])].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.openedAt.localeCompare(a.openedAt));

  return (
    <div className="page-stack">
      <section aria-labelledby="governance-title" className="card">
        <h1 id="governance-title">{t('title')}</h1>
        <p>{t('intro')}</p>
        {!governance && (
          <p role="status" className={failure ? 'error' : undefined}>
            {failure ?? t('common:app.loading')}
          </p>
        )}
      </section>
      {governance && (
        <>
          <MembersSection members={governance.members} />
          <ChairSection chair={governance.chair} />
          <section aria-labelledby="proposals-title" className="card">
            <h2 id="proposals-title">{t('proposals.title')}</h2>
            <p className="muted">{coordinator ? t('proposals.youVote') : t('proposals.whoVotes')}</p>
            {proposals.length === 0 && <p>{t('proposals.none')}</p>}
            {proposals.map((proposal) => (
              <ProposalCard key={proposal.id} proposal={proposal} onChanged={replace} />
            ))}
            {coordinator && <ProposeForm onOpened={replace} />}
          </section>
        </>
      )}
    </div>
  );
}
