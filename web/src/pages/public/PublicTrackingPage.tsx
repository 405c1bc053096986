/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function PublicTrackingPage() {
  const { t } = useTranslation('public');
  return (
    <section aria-labelledby="public-title" className="card">
      <h1 id="public-title">{t('title')}</h1>
    </section>
  );
}
