/** The home page of this first step: what the app will hold, page by page. */
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../i18n/format';

const COMING = ['shipments', 'shipment', 'alerts', 'statistics', 'access', 'governance', 'audit'] as const;

export function Home() {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="home-title" className="card">
      <h1 id="home-title">{t('home.title')}</h1>
      <p>{t('home.today', { date: formatDate(new Date(), i18n.language) })}</p>
      <p>{t('home.comingIntro', { pages: formatNumber(COMING.length, i18n.language) })}</p>
      <ul>
        {COMING.map((page) => (
          <li key={page}>{t(`home.coming.${page}`)}</li>
        ))}
      </ul>
    </section>
  );
}
