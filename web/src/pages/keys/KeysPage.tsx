/**
 * API keys of the caller's organisation, for machines that capture or read: the list, revoking, and
 * creating a key with the scopes chosen. The new key's secret is in the answer to its creation and
 * nowhere else, so it is shown once, with a copy button and a warning, until dismissed.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../session';
import { KEY_SCOPES, type ApiKey, type KeyScope } from '../admin/access-types';
import { FormField } from '../admin/FormField';
import { FormEnd, useServerForm } from '../admin/server-form';
import { KeysTable } from './KeysTable';
import '../../components/forms.css';
import './keys.css';

function NewSecret({ created, onDismiss }: { created: { key: ApiKey; secret: string }; onDismiss: () => void }) {
  const { t } = useTranslation('keys');
  const [copied, setCopied] = useState<boolean>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The secret appears below the list: focus goes to it, so a keyboard or screen reader user meets it at once.
  useEffect(() => heading.current?.focus(), [created]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="secret-title" className="secret card">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>{t('secret.title', { name: created.key.name })}</h2>
      <p className="secret-warning">
        <span aria-hidden="true">⚠ </span>
        {t('secret.warning')}
      </p>
      <p>
        <label htmlFor="new-key-secret">{t('secret.label')}</label>
      </p>
      <div className="secret-row">
        <input id="new-key-secret" readOnly dir="ltr" value={created.secret} onFocus={(event) => event.target.select()} />
        <button type="button" onClick={() => void copy()}>
          {t('secret.copy')}
        </button>
      </div>
      <p role="status">{copied === undefined ? '' : copied ? t('secret.copied') : t('secret.copyFailed')}</p>
      <p className="muted">{t('secret.usage')}</p>
      <button type="button" className="secondary-button" onClick={onDismiss}>
        {t('secret.dismiss')}
      </button>
    </section>
  );
}

const FIELDS = ['name', 'scopes'] as const;

function CreateKeyForm({ onCreated }: { onCreated: (created: { key: ApiKey; secret: string }) => void }) {
  const { t } = useTranslation('keys');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<KeyScope[]>(['capture', 'read']);
  const { problem, working, onSubmit } = useServerForm(
    FIELDS,
    t('createFailed'),
    () => api.POST('/api/keys', { body: { name: name.trim(), scopes } }),
    (created) => {
      onCreated(created);
      setName('');
    },
  );

  const toggle = (scope: KeyScope, on: boolean) => setScopes((list) => (on ? [...list.filter((item) => item !== scope), scope] : list.filter((item) => item !== scope)));

  return (
    <form onSubmit={onSubmit} aria-labelledby="create-key-title" noValidate>
      <h2 id="create-key-title">{t('create.title')}</h2>
      <FormField label={t('create.name')} hint={t('create.nameHint')} error={problem.fields.name}>
        {(attributes) => <input {...attributes} required value={name} onChange={(event) => setName(event.target.value)} />}
      </FormField>
      <fieldset className="scopes" aria-describedby={problem.fields.scopes ? 'scopes-error' : undefined}>
        <legend>{t('create.scopes')}</legend>
        {KEY_SCOPES.map((scope) => (
          <label key={scope} className="scope-choice">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => toggle(scope, event.target.checked)} />
            <span>
              <strong>{t(`scope.${scope}`)}</strong> — {t(`scopeHelp.${scope}`)}
            </span>
          </label>
        ))}
        {problem.fields.scopes && (
          <p id="scopes-error" className="field-error">
            {problem.fields.scopes}
          </p>
        )}
      </fieldset>
      <FormEnd problem={problem} working={working} submitText={t('create.submit')} />
    </form>
  );
}

export default function KeysPage() {
  const { t } = useTranslation('keys');
  const me = useMe();
  const [created, setCreated] = useState<{ key: ApiKey; secret: string }>();
  return (
    <div className="page-stack">
      <section aria-labelledby="keys-title" className="card">
        <h1 id="keys-title">{t('title')}</h1>
        <p>{t('intro', { organisation: me.organisation.name })}</p>
        <KeysTable caption={t('caption', { organisation: me.organisation.name })} added={created?.key} />
      </section>
      {created && <NewSecret created={created} onDismiss={() => setCreated(undefined)} />}
      <section className="card">
        <CreateKeyForm onCreated={setCreated} />
      </section>
    </div>
  );
}
