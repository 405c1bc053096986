/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function ShipmentPage() {
  const { t } = useTranslation('shipment');
  return (
    <section aria-labelledby="shipment-title" className="card">
      <h1 id="shipment-title">{t('title')}</h1>
    </section>
  );
}
