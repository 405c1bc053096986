/** The first page after signing in: the pages this caller has, each with a line on what it is for. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../i18n/format';
import { NAV_ITEMS } from '../navigation';
import { useMe } from '../session';

export function Home() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <section aria-labelledby="home-title" className="card">
      <h1 id="home-title">{t('home.title', { organisation: me.organisation.name })}</h1>
      <p>{t('home.today', { date: formatDate(new Date(), i18n.language) })}</p>
      <ul className="home-pages">
        {NAV_ITEMS.filter((item) => item.shownTo(me)).map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{t(item.label)}</Link>
            <span className="muted"> — {t(`home.about.${item.to.slice(1)}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
