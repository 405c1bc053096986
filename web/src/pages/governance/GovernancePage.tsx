/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function GovernancePage() {
  const { t } = useTranslation('governance');
  return (
    <section aria-labelledby="governance-title" className="card">
      <h1 id="governance-title">{t('title')}</h1>
    </section>
  );
}
