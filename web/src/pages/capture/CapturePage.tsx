/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function CapturePage() {
  const { t } = useTranslation('capture');
  return (
    <section aria-labelledby="capture-title" className="card">
      <h1 id="capture-title">{t('title')}</h1>
    </section>
  );
}
