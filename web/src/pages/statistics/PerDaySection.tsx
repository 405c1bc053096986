/**
 * Events per day of their event time, as a line chart and a table, for the days chosen: the API's
 * from and to (UTC days) narrow this series only; the other statistics are of the network as it is.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, problemText } from '../../api/client';
import { CountTable } from './CountTable';
import { CHART_COLOURS, StatChart, type Series } from './StatChart';
import type { Statistics } from './statistics-data';

type Day = Statistics['eventsPerDay'][number];

export function PerDaySection({ initial }: { initial: readonly Day[] }) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const fromId = useId();
  const toId = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [perDay, setPerDay] = useState<readonly Day[]>(initial);
  // What to say, kept as what happened (not as words) so that it follows a change of language.
  const [outcome, setOutcome] = useState<{ state: 'idle' | 'loading' | 'shown' | 'unreachable' } | { state: 'refused'; said?: string }>({ state: 'idle' });

  const show = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome({ state: 'loading' });
    try {
      const { data, error } = await api.GET('/api/statistics/', { params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } });
      if (data) {
        setPerDay(data.eventsPerDay);
        setOutcome({ state: 'shown' });
      } else {
        const said = problemText(error);
        setOutcome({ state: 'refused', ...(said ? { said } : {}) });
      }
    } catch {
      setOutcome({ state: 'unreachable' });
    }
  };
  const message = {
    idle: () => '',
    loading: () => t('common:app.loading'),
    shown: () => t('perDay.shown', { count: perDay.length }),
    unreachable: () => t('common:error.unreachable'),
    refused: () => (outcome.state === 'refused' && outcome.said) || t('loadFailed'),
  }[outcome.state]();

  const labels = useMemo(() => perDay.map((d) => new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${d.day}T00:00:00Z`))), [perDay, lang]);
  const rows = useMemo(() => perDay.map((d, index) => [d.day, labels[index]!, d.count] as const), [perDay, labels]);
  const series = useMemo<Series[]>(() => [{ label: t('events'), values: perDay.map((d) => d.count), colour: CHART_COLOURS.single }], [perDay, t]);
  return (
    <section aria-labelledby="per-day-title" className="card">
      <h2 id="per-day-title">{t('perDay.title')}</h2>
      <form className="toolbar day-range" onSubmit={(event) => void show(event)} aria-label={t('perDay.range')}>
        <label htmlFor={fromId}>{t('perDay.from')}</label>
        <input id={fromId} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        <label htmlFor={toId}>{t('perDay.to')}</label>
        <input id={toId} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        <button type="submit">{t('perDay.show')}</button>
      </form>
      <p role="status" className="muted">
        {message}
      </p>
      <div className="chart-and-table">
        <StatChart kind="line" labels={labels} series={series} description={t('perDay.chart')} valueTitle={t('events')} />
        <CountTable caption={t('perDay.title')} rowHeader={t('perDay.day')} valueHeader={t('events')} rows={rows} />
      </div>
    </section>
  );
}
