/** Opening a proposal to admit, suspend or reinstate a state (a member state's national coordinator). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormField } from '../admin/FormField';
import { FormEnd, useServerForm } from '../admin/server-form';
import type { Proposal, ProposalKind } from './governance-types';

const KINDS: readonly ProposalKind[] = ['admission', 'suspension', 'reinstatement'];
const FIELDS = ['kind', 'country', 'motivation'] as const;

export function ProposeForm({ onOpened }: { onOpened: (proposal: Proposal) => void }) {
  const { t } = useTranslation('governance');
  const [kind, setKind] = useState<ProposalKind>('admission');
  const [country, setCountry] = useState('');
  const [motivation, setMotivation] = useState('');
  const { problem, working, onSubmit } = useServerForm(
    FIELDS,
    t('propose.failed'),
    () => api.POST('/api/governance/proposals', { body: { kind, country: country.trim().toUpperCase(), ...(motivation.trim() ? { motivation: motivation.trim() } : {}) } }),
    (proposal) => {
      onOpened(proposal);
      setCountry('');
      setMotivation('');
    },
  );

  return (
    <form onSubmit={onSubmit} aria-labelledby="propose-title" noValidate>
      <h3 id="propose-title">{t('propose.title')}</h3>
      <div className="form-grid">
        <FormField label={t('propose.kind')} error={problem.fields.kind}>
          {(attributes) => (
            <select {...attributes} value={kind} onChange={(event) => setKind(event.target.value as ProposalKind)}>
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`propose.kinds.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('propose.country')} hint={t('propose.countryHint')} error={problem.fields.country}>
          {(attributes) => <input {...attributes} dir="ltr" maxLength={2} required value={country} onChange={(event) => setCountry(event.target.value)} />}
        </FormField>
      </div>
      <FormField label={t('propose.motivation')} error={problem.fields.motivation}>
        {(attributes) => <textarea {...attributes} rows={3} value={motivation} onChange={(event) => setMotivation(event.target.value)} />}
      </FormField>
      <FormEnd problem={problem} working={working} submitText={t('propose.submit')} />
    </form>
  );
}
