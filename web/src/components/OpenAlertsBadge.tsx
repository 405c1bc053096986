/**
 * How many alerts are open for the reader, next to the Alerts page in the navigation: read when the
 * page loads and every minute after (GET /api/alerts?status=open). Nothing is shown when there are
 * none or the count cannot be read.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatNumber } from '../i18n/format';

const EVERY_MS = 60_000;
/** Counted up to this many; more show as "100+". */
const COUNT_UP_TO = 100;

export function OpenAlertsBadge() {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<{ count: number; more: boolean }>();
  useEffect(() => {
    let stopped = false;
    const read = async () => {
      try {
        const { data } = await api.GET('/api/alerts', { params: { query: { status: 'open', limit: COUNT_UP_TO } } });
        if (!stopped && data) setOpen({ count: data.alerts.length, more: data.nextCursor !== undefined });
      } catch {
        // The badge is a hint: the page itself says when alerts cannot be read.
      }
    };
    void read();
    const timer = setInterval(() => void read(), EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!open || open.count === 0) return null;
  const formatted = `${formatNumber(open.count, i18n.language)}${open.more ? '+' : ''}`;
  return (
    <span className="nav-badge" role="status">
      <span aria-hidden="true">{formatted}</span>
      <span className="visually-hidden">{t('nav.openAlerts', { formatted })}</span>
    </span>
  );
}
