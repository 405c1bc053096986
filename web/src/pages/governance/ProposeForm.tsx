/** Opening a proposal to admit, suspend or reinstate a state (a member state's national coordinator). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormField } from '../admin/FormField';
import { formProblemOf, NO_PROBLEM, type FormProblem } from '../admin/form-problem';
import type { Proposal, ProposalKind } from './governance-types';

const KINDS: readonly ProposalKind[] = ['admission', 'suspension', 'reinstatement'];
const FIELDS = ['kind', 'country', 'motivation'] as const;

export function ProposeForm({ onOpened }: { onOpened: (proposal: Proposal) => void }) {
  const { t } = useTranslation('governance');
  const [kind, setKind] = useState<ProposalKind>('admission');
  const [country, setCountry] = useState('');
  const [motivation, setMotivation] = useState('');
  const [problem, setProblem] = useState<FormProblem>(NO_PROBLEM);
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setWorking(true);
    setProblem(NO_PROBLEM);
    try {
      const { data, error } = await api.POST('/api/governance/proposals', {
        body: { kind, country: country.trim().toUpperCase(), ...(motivation.trim() ? { motivation: motivation.trim() } : {}) },
      });
      if (data) {
        onOpened(data);
        setCountry('');
        setMotivation('');
      } else setProblem(formProblemOf(error, FIELDS, t('propose.failed')));
    } catch {
      setProblem({ fields: {}, general: t('common:error.unreachable') });
    } finally {
      setWorking(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="propose-title" noValidate>
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
      {problem.general && (
        <p role="alert" className="error">
          {problem.general}
        </p>
      )}
      <button type="submit" disabled={working}>
        {t('propose.submit')}
      </button>
    </form>
  );
}
