/** Placeholder: this page is being built (issue 12). */
import { useTranslation } from 'react-i18next';

export default function BoardPage() {
  const { t } = useTranslation('board');
  return (
    <section aria-labelledby="board-title" className="card">
      <h1 id="board-title">{t('title')}</h1>
    </section>
  );
}
