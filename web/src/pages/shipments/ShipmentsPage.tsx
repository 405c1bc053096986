/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function ShipmentsPage() {
  const { t } = useTranslation('shipments');
  return (
    <section aria-labelledby="shipments-title" className="card">
      <h1 id="shipments-title">{t('title')}</h1>
    </section>
  );
}
