/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function KeysPage() {
  const { t } = useTranslation('keys');
  return (
    <section aria-labelledby="keys-title" className="card">
      <h1 id="keys-title">{t('title')}</h1>
    </section>
  );
}
