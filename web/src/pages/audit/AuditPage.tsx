/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function AuditPage() {
  const { t } = useTranslation('audit');
  return (
    <section aria-labelledby="audit-title" className="card">
      <h1 id="audit-title">{t('title')}</h1>
    </section>
  );
}
