/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function StatisticsPage() {
  const { t } = useTranslation('statistics');
  return (
    <section aria-labelledby="statistics-title" className="card">
      <h1 id="statistics-title">{t('title')}</h1>
    </section>
  );
}
