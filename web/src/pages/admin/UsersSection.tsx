/**
 * The users of one organisation (GET /api/organisations/{id}/users): the list, disabling a user
 * (POST /api/users/{id}/disable, after a confirmation; the API has no way back), and creating one
 * with name, e-mail, role and an initial password.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { formatShortDateTime } from '../../i18n/format';
import { USER_ROLES, type Organisation, type User, type UserRole } from './access-types';
import { FormField } from './FormField';
import { FormEnd, useServerForm } from './server-form';
import { DataTable } from '../../components/DataTable';

const FIELDS = ['name', 'email', 'role', 'password'] as const;

function CreateUserForm({ organisation, onCreated }: { organisation: Organisation; onCreated: (user: User) => void }) {
  const { t } = useTranslation('admin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<UserRole>('operator');
  const [password, setPassword] = useState('');
  const { problem, working, onSubmit } = useServerForm(
    FIELDS,
    t('users.createFailed'),
    () => api.POST('/api/organisations/{id}/users', { params: { path: { id: organisation.id } }, body: { name: name.trim(), email: email.trim(), role, password } }),
    (user) => {
      onCreated(user);
      setName('');
      setEmail('');
      setPassword('');
    },
  );

  return (
    <form onSubmit={onSubmit} aria-labelledby="create-user-title" noValidate>
      <h3 id="create-user-title">{t('users.createTitle', { organisation: organisation.name })}</h3>
      <div className="form-grid">
        <FormField label={t('users.name')} error={problem.fields.name}>
          {(attributes) => <input {...attributes} autoComplete="off" required value={name} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField label={t('users.email')} error={problem.fields.email}>
          {(attributes) => <input {...attributes} type="email" dir="ltr" autoComplete="off" required value={email} onChange={(event) => setEmail(event.target.value)} />}
        </FormField>
        <FormField label={t('users.role')} hint={t('users.roleHint')} error={problem.fields.role}>
          {(attributes) => (
            <select {...attributes} value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
              {USER_ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('users.password')} hint={t('users.passwordHint')} error={problem.fields.password}>
          {(attributes) => <input {...attributes} type="password" dir="ltr" autoComplete="new-password" required value={password} onChange={(event) => setPassword(event.target.value)} />}
        </FormField>
      </div>
      <FormEnd problem={problem} working={working} submitText={t('users.create')} />
    </form>
  );
}

export function UsersSection({ organisation }: { organisation: Organisation }) {
  const { t, i18n } = useTranslation('admin');
  const [users, setUsers] = useState<User[]>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/organisations/{id}/users', { params: { path: { id: organisation.id } } });
    if (data) setUsers(data.items);
    else {
      setUsers([]);
      setMessage({ text: problemText(error) ?? t('users.loadFailed'), error: true });
    }
  }, [organisation.id, t]);

  useEffect(() => {
    setUsers(undefined);
    setMessage(undefined);
    void load().catch(() => setMessage({ text: t('common:error.unreachable'), error: true }));
  }, [load, t]);

  const disable = async (user: User) => {
    if (!window.confirm(t('users.confirmDisable', { name: user.name, email: user.email }))) return;
    const { data, error } = await api.POST('/api/users/{id}/disable', { params: { path: { id: user.id } }, body: {} });
    if (data) {
      setUsers((list) => list?.map((item) => (item.id === data.id ? data : item)));
      setMessage({ text: t('users.disabled', { name: data.name }), error: false });
    } else setMessage({ text: problemText(error) ?? t('users.disableFailed'), error: true });
  };

  return (
    <section aria-labelledby="users-title" className="card">
      <h2 id="users-title">{t('users.title', { organisation: organisation.name })}</h2>
      <p role="status" className={message?.error ? 'error' : undefined}>
        {message?.text ?? (users ? '' : t('common:app.loading'))}
      </p>
      {users && (
        <DataTable caption={t('users.caption', { count: users.length })} columns={[t('users.name'), t('users.email'), t('users.role'), t('users.status'), t('users.createdAt'), t('users.actions')]}>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.name}</th>
              <td dir="ltr" className="ltr-cell">
                {user.email}
              </td>
              <td>{t(`role.${user.role}`)}</td>
              <td>{t(`userStatus.${user.status}`)}</td>
              <td>{formatShortDateTime(user.createdAt, i18n.language)}</td>
              <td>
                {user.status === 'active' && (
                  <button type="button" className="secondary-button" onClick={() => void disable(user)}>
                    {t('users.disable')}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <CreateUserForm
        organisation={organisation}
        onCreated={(user) => {
          setUsers((list) => [...(list ?? []), user]);
          setMessage({ text: t('users.created', { name: user.name }), error: false });
        }}
      />
    </section>
  );
}
