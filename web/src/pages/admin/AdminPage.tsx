/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function AdminPage() {
  const { t } = useTranslation('admin');
  return (
    <section aria-labelledby="admin-title" className="card">
      <h1 id="admin-title">{t('title')}</h1>
    </section>
  );
}
