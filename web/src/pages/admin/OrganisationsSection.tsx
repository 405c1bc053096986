/**
 * The organisations the caller administers or sees (GET /api/organisations), one of which is picked
 * for its users and keys below; and, for those who may create one (the network operator, a national
 * coordinator for its own country), the form to create an organisation.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { useMe } from '../../session';
import { NETWORK_WIDE_KINDS, ORGANISATION_KINDS, type Organisation, type OrganisationKind } from './access-types';
import { FormField } from './FormField';
import { FormEnd, useServerForm } from './server-form';
import { DataTable } from '../../components/DataTable';

/** Values typed one per line or separated by commas. */
const listOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((value) => value.trim())
    .filter(Boolean);

const FIELDS = ['id', 'name', 'kind', 'country', 'partyIds'] as const;

function CreateOrganisationForm({ onCreated }: { onCreated: (organisation: Organisation) => void }) {
  const { t } = useTranslation('admin');
  const me = useMe();
  const coordinator = me.organisation.kind === 'national-coordinator';
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('forwarder');
  const [country, setCountry] = useState(coordinator ? (me.organisation.country ?? '') : '');
  const [partyIds, setPartyIds] = useState('');
  const networkWide = NETWORK_WIDE_KINDS.includes(kind);
  const { problem, working, onSubmit } = useServerForm(
    FIELDS,
    t('organisations.createFailed'),
    () => api.POST('/api/organisations', { body: { id: id.trim(), name: name.trim(), kind, partyIds: listOf(partyIds), ...(networkWide ? {} : { country: country.trim().toUpperCase() }) } }),
    (created) => {
      onCreated(created);
      setId('');
      setName('');
      setPartyIds('');
    },
  );

  return (
    <form onSubmit={onSubmit} aria-labelledby="create-organisation-title" noValidate>
      <h3 id="create-organisation-title">{t('organisations.createTitle')}</h3>
      <div className="form-grid">
        <FormField label={t('organisations.id')} hint={t('organisations.idHint')} error={problem.fields.id}>
          {(attributes) => <input {...attributes} dir="ltr" required value={id} onChange={(event) => setId(event.target.value)} />}
        </FormField>
        <FormField label={t('organisations.name')} error={problem.fields.name}>
          {(attributes) => <input {...attributes} required value={name} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField label={t('organisations.kind')} error={problem.fields.kind}>
          {(attributes) => (
            <select {...attributes} value={kind} onChange={(event) => setKind(event.target.value as OrganisationKind)}>
              {ORGANISATION_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`kind.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {!networkWide && (
          <FormField label={t('organisations.country')} hint={t('organisations.countryHint')} error={problem.fields.country}>
            {(attributes) => <input {...attributes} dir="ltr" maxLength={2} required value={country} onChange={(event) => setCountry(event.target.value)} />}
          </FormField>
        )}
        <FormField label={t('organisations.partyIds')} hint={t('organisations.partyIdsHint')} error={problem.fields.partyIds}>
          {(attributes) => <textarea {...attributes} dir="ltr" rows={2} value={partyIds} onChange={(event) => setPartyIds(event.target.value)} />}
        </FormField>
      </div>
      <FormEnd problem={problem} working={working} submitText={t('organisations.create')} />
    </form>
  );
}

interface SectionProps {
  readonly organisations: readonly Organisation[];
  readonly selected?: string | undefined;
  readonly onSelect: (id: string) => void;
  readonly onCreated: (organisation: Organisation) => void;
  readonly onChanged: (organisation: Organisation) => void;
}

export function OrganisationsSection({ organisations, selected, onSelect, onCreated, onChanged }: SectionProps) {
  const { t } = useTranslation('admin');
  const me = useMe();
  // The network operator, and a national coordinator for its country, create, suspend and reactivate.
  const administers = me.organisation.kind === 'network-operator' || me.organisation.kind === 'national-coordinator';
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const setStatus = async (organisation: Organisation, suspend: boolean) => {
    if (suspend && !window.confirm(t('organisations.confirmSuspend', { name: organisation.name }))) return;
    const path = suspend ? '/api/organisations/{id}/suspend' : '/api/organisations/{id}/reactivate';
    try {
      const { data, error } = await api.POST(path, { params: { path: { id: organisation.id } }, body: {} });
      if (data) {
        onChanged(data);
        setMessage({ text: t(suspend ? 'organisations.suspended' : 'organisations.reactivated', { name: data.name }), error: false });
      } else setMessage({ text: problemText(error) ?? t('organisations.statusFailed'), error: true });
    } catch {
      setMessage({ text: t('common:error.unreachable'), error: true });
    }
  };

  return (
    <section aria-labelledby="organisations-title" className="card">
      <h2 id="organisations-title">{t('organisations.title')}</h2>
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text ?? ''}
      </p>
      <DataTable caption={t('organisations.caption', { count: organisations.length })} columns={[t('organisations.name'), t('organisations.id'), t('organisations.kind'), t('organisations.country'), t('organisations.status'), t('organisations.partyIds'), t('organisations.actions')]}>
        {organisations.map((organisation) => (
          <tr key={organisation.id} aria-current={organisation.id === selected ? 'true' : undefined}>
            <th scope="row">{organisation.name}</th>
            <td>
              <code dir="ltr">{organisation.id}</code>
            </td>
            <td>{t(`kind.${organisation.kind}`)}</td>
            <td>{organisation.country ?? t('organisations.networkWide')}</td>
            <td>{t(`organisationStatus.${organisation.status}`)}</td>
            <td>
              {organisation.partyIds.map((party) => (
                <code key={party} dir="ltr" className="party-id">
                  {party}
                </code>
              ))}
            </td>
            <td>
              {organisation.id === selected ? (
                <span className="selected-mark">{t('organisations.shown')}</span>
              ) : (
                <button type="button" className="secondary-button" onClick={() => onSelect(organisation.id)}>
                  {t('organisations.show')}
                  <span className="visually-hidden"> {organisation.name}</span>
                </button>
              )}
              {administers && organisation.id !== me.organisation.id && (
                <button type="button" className="secondary-button status-button" onClick={() => void setStatus(organisation, organisation.status === 'active')}>
                  {t(organisation.status === 'active' ? 'organisations.suspend' : 'organisations.reactivate')}
                  <span className="visually-hidden"> {organisation.name}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {administers && <CreateOrganisationForm onCreated={onCreated} />}
    </section>
  );
}
