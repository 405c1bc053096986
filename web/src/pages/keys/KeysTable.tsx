/**
 * The API keys of one organisation (GET /api/keys, never their secrets): name, id, scopes, when
 * made, last used and revoked; a key still valid can be revoked (DELETE /api/keys/{id}) after a
 * confirmation. Keys have no expiry in this API: they last until revoked.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { formatShortDateTime } from '../../i18n/format';
import type { ApiKey } from '../admin/access-types';
import { DataTable } from '../../components/DataTable';

interface Props {
  /** The organisation; the caller's own when absent. */
  readonly organisationId?: string;
  readonly caption: string;
  /** A key just made, to list without asking again. */
  readonly added?: ApiKey | undefined;
}

export function KeysTable({ organisationId, caption, added }: Props) {
  const { t, i18n } = useTranslation('keys');
  const lang = i18n.language;
  const [keys, setKeys] = useState<ApiKey[]>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/keys', { params: { query: organisationId ? { organisation: organisationId } : {} } });
    if (data) setKeys(data.items);
    else {
      setKeys([]);
      setMessage({ text: problemText(error) ?? t('loadFailed'), error: true });
    }
  }, [organisationId, t]);

  useEffect(() => {
    setKeys(undefined);
    setMessage(undefined);
    void load().catch(() => setMessage({ text: t('common:error.unreachable'), error: true }));
  }, [load, t]);

  useEffect(() => {
    if (added) setKeys((list) => (list && !list.some((key) => key.id === added.id) ? [...list, added] : list));
  }, [added]);

  const revoke = async (key: ApiKey) => {
    if (!window.confirm(t('confirmRevoke', { name: key.name, id: key.id }))) return;
    const { data, error } = await api.DELETE('/api/keys/{id}', { params: { path: { id: key.id } } });
    if (data) {
      setKeys((list) => list?.map((item) => (item.id === data.id ? data : item)));
      setMessage({ text: t('revoked', { name: data.name }), error: false });
    } else setMessage({ text: problemText(error) ?? t('revokeFailed'), error: true });
  };

  return (
    <>
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text ?? (keys ? '' : t('common:app.loading'))}
      </p>
      {keys && (
        <DataTable caption={caption} columns={[t('column.name'), t('column.id'), t('column.scopes'), t('column.created'), t('column.lastUsed'), t('column.state'), t('column.actions')]}>
          {keys.length === 0 && (
            <tr>
              <td colSpan={7}>{t('none')}</td>
            </tr>
          )}
          {keys.map((key) => (
            <tr key={key.id}>
              <th scope="row">{key.name}</th>
              <td>
                <code dir="ltr">{key.id}</code>
              </td>
              <td>{key.scopes.map((scope) => t(`scope.${scope}`)).join(', ')}</td>
              <td>{formatShortDateTime(key.createdAt, lang)}</td>
              <td>{key.lastUsedAt ? formatShortDateTime(key.lastUsedAt, lang) : t('neverUsed')}</td>
              <td>{key.revokedAt ? t('revokedAt', { time: formatShortDateTime(key.revokedAt, lang) }) : t('valid')}</td>
              <td>
                {!key.revokedAt && (
                  <button type="button" className="danger-button" onClick={() => void revoke(key)}>
                    {t('revoke')}
                    <span className="visually-hidden"> {key.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
