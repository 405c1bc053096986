/**
 * Administration, for national coordinators and organisation admins: the organisations the caller
 * administers or sees, and for the one picked (the caller's own at first) its users and its API keys.
 * What each caller may do is the server's to decide; a refusal is shown as the server words it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { useMe } from '../../session';
import { KeysTable } from '../keys/KeysTable';
import type { Organisation } from './access-types';
import { OrganisationsSection } from './OrganisationsSection';
import { UsersSection } from './UsersSection';
import '../../components/forms.css';

export default function AdminPage() {
  const { t } = useTranslation(['admin', 'keys']);
  const me = useMe();
  const [organisations, setOrganisations] = useState<Organisation[]>();
  const [failure, setFailure] = useState<string>();
  const [selected, setSelected] = useState<string>(me.organisation.id);

  useEffect(() => {
    let current = true;
    api
      .GET('/api/organisations')
      .then(({ data, error }) => {
        if (!current) return;
        if (data) setOrganisations(data.items);
        else setFailure(problemText(error) ?? t('organisations.loadFailed'));
      })
      .catch(() => current && setFailure(t('common:error.unreachable')));
    return () => {
      current = false;
    };
  }, [t]);

  const organisation = organisations?.find((item) => item.id === selected) ?? (selected === me.organisation.id ? me.organisation : undefined);
  return (
    <div className="page-stack">
      <section aria-labelledby="admin-title" className="card">
        <h1 id="admin-title">{t('title')}</h1>
        <p>{t('intro')}</p>
        {!organisations && (
          <p role="status" className={failure ? 'error' : undefined}>
            {failure ?? t('common:app.loading')}
          </p>
        )}
      </section>
      {organisations && (
        <OrganisationsSection
          organisations={organisations}
          selected={selected}
          onSelect={setSelected}
          onCreated={(created) => {
            setOrganisations((list) => [...(list ?? []), created]);
            setSelected(created.id);
          }}
          onChanged={(changed) => setOrganisations((list) => list?.map((item) => (item.id === changed.id ? changed : item)))}
        />
      )}
      {organisation && <UsersSection organisation={organisation} />}
      {organisation && (
        <section aria-labelledby="org-keys-title" className="card">
          <h2 id="org-keys-title">{t('keys.title', { organisation: organisation.name })}</h2>
          <KeysTable organisationId={organisation.id} caption={t('keys:caption', { organisation: organisation.name })} />
        </section>
      )}
    </div>
  );
}
