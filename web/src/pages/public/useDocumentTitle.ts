import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser tab's title for this page: "<page> · Karvon", in the page's language. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const title = `${page} · ${t('app.name')}`;
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}
