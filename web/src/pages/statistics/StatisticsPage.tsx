/**
 * Corridor statistics for the secretariat, the council, the network operator and national
 * coordinators (GET /api/statistics/): totals, shipments by status and by corridor, the observed
 * dwell at each border crossing and port, leg times, and events per day. Every chart has its figures
 * in a table next to it. (Whole-corridor transit times are not published: CorridorStatistics.entries.)
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { countryName } from '../../reference/names';
import { CountTable } from './CountTable';
import { PerDaySection } from './PerDaySection';
import { QuantileTable, type QuantileRow } from './QuantileTable';
import { CHART_COLOURS as COLOURS, StatChart, type Series } from './StatChart';
import { loadStatistics, nameIn, type Loaded, type Observation, type StatisticsView } from './statistics-data';
import '../../components/forms.css';
import './statistics.css';


type Subject<K extends Observation['subject']['kind']> = Extract<Observation['subject'], { kind: K }>;
const ofKind = <K extends Observation['subject']['kind']>(observations: readonly Observation[], kind: K) =>
  observations.filter((o): o is Observation & { subject: Subject<K> } => o.subject.kind === kind);

function CountsSection({ id, title, rowHeader, entries, chartDescription, horizontal }: { id: string; title: string; rowHeader: string; entries: readonly (readonly [string, string, number])[]; chartDescription: string; horizontal?: boolean }) {
  const { t } = useTranslation('statistics');
  const labels = useMemo(() => entries.map(([, label]) => label), [entries]);
  const series = useMemo<Series[]>(() => [{ label: t('shipments'), values: entries.map(([, , count]) => count), colour: COLOURS.single }], [entries, t]);
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      <div className="chart-and-table">
        <StatChart kind="bar" labels={labels} series={series} description={chartDescription} valueTitle={t('shipments')} horizontal={horizontal ?? false} />
        <CountTable caption={title} rowHeader={rowHeader} valueHeader={t('shipments')} rows={entries} />
      </div>
    </section>
  );
}

function QuantileSection({ id, title, intro, rowHeader, rows, chartDescription }: { id: string; title: string; intro: string; rowHeader: string; rows: readonly QuantileRow[]; chartDescription: string }) {
  const { t } = useTranslation('statistics');
  const labels = useMemo(() => rows.map((row) => row.label), [rows]);
  const series = useMemo<Series[]>(
    () => (['p10', 'p50', 'p90'] as const).map((q) => ({ label: t(`quantiles.${q}`), values: rows.map((row) => row[q]), colour: COLOURS[q] })),
    [rows, t],
  );
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      <p className="muted">{intro}</p>
      {rows.length === 0 ? (
        <p>{t('noObservations')}</p>
      ) : (
        <div className="chart-over-table">
          <StatChart kind="bar" horizontal labels={labels} series={series} description={chartDescription} valueTitle={t('hours')} height={Math.max(240, rows.length * 42)} />
          <QuantileTable caption={title} rowHeader={rowHeader} rows={rows} />
        </div>
      )}
    </section>
  );
}

/** The dwell (longest typical first) and leg rows, labelled with place names in the language. */
function observationRows({ statistics, locationNames }: StatisticsView, lang: string, t: (key: string, options?: Record<string, unknown>) => string) {
  const place = (id: string) => nameIn(locationNames.get(id), lang, id);
  const mode = (value: string) => t(`mode.${value}`, { defaultValue: value });
  const quantiles = (o: Observation) => ({ key: o.key, n: o.n, p10: o.p10, p50: o.p50, p90: o.p90 });
  const dwell = ofKind(statistics.observations, 'dwell')
    .map((o) => ({
      ...quantiles(o),
      label: t('dwellLabel', { place: place(o.subject.location), from: countryName(o.subject.countryBefore, lang), to: countryName(o.subject.countryAfter, lang), mode: mode(o.subject.mode) }),
    }))
    .sort((a, b) => b.p50 - a.p50);
  const legs = ofKind(statistics.observations, 'leg').map((o) => ({ ...quantiles(o), label: t('legLabel', { from: place(o.subject.from), to: place(o.subject.to), mode: mode(o.subject.mode) }) }));
  return { dwell, legs };
}

function Statistics({ view }: { view: StatisticsView }) {
  const { t, i18n } = useTranslation('statistics');
  const lang = i18n.language;
  const { statistics, corridorNames } = view;
  const { dwell, legs } = useMemo(() => observationRows(view, lang, t), [view, lang, t]);
  const byStatus = useMemo(() => Object.entries(statistics.byStatus).map(([status, count]) => [status, t(`status.${status}`, { defaultValue: status }), count] as const), [statistics, t]);
  const byCorridor = useMemo(
    () => Object.entries(statistics.byCorridor).sort((a, b) => b[1] - a[1]).map(([id, count]) => [id, nameIn(corridorNames.get(id), lang, id), count] as const),
    [statistics, corridorNames, lang],
  );

  return (
    <>
      <section aria-labelledby="totals-title" className="card">
        <h2 id="totals-title">{t('totals.title')}</h2>
        <dl className="totals">
          {(['shipments', 'completedShipments', 'openHolds', 'events'] as const).map((key) => (
            <div key={key}>
              <dt>{t(`totals.${key}`)}</dt>
              <dd>{formatNumber(statistics[key], lang)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <CountsSection id="by-status-title" title={t('byStatus.title')} rowHeader={t('byStatus.status')} entries={byStatus} chartDescription={t('byStatus.chart')} />
      <CountsSection id="by-corridor-title" title={t('byCorridor.title')} rowHeader={t('byCorridor.corridor')} entries={byCorridor} chartDescription={t('byCorridor.chart')} horizontal />
      <QuantileSection id="dwell-title" title={t('dwell.title')} intro={t('dwell.intro')} rowHeader={t('dwell.place')} rows={dwell} chartDescription={t('dwell.chart')} />
      <section aria-labelledby="legs-title" className="card">
        <h2 id="legs-title">{t('legs.title')}</h2>
        <p className="muted">{t('legs.intro')}</p>
        {legs.length === 0 ? <p>{t('noObservations')}</p> : <QuantileTable caption={t('legs.title')} rowHeader={t('legs.leg')} rows={legs} />}
      </section>
      <PerDaySection initial={statistics.eventsPerDay} />
    </>
  );
}

export default function StatisticsPage() {
  const { t } = useTranslation('statistics');
  const [loaded, setLoaded] = useState<Loaded>();
  useEffect(() => {
    let current = true;
    loadStatistics()
      .then((result) => current && setLoaded(result))
      .catch(() => current && setLoaded({ ok: false, forbidden: false, said: t('common:error.unreachable') }));
    return () => {
      current = false;
    };
  }, [t]);
  return (
    <div className="page-stack statistics-page">
      <section aria-labelledby="statistics-title" className="card">
        <h1 id="statistics-title">{t('title')}</h1>
        <p>{t('intro')}</p>
        {!loaded?.ok && (
          <p role="status" className={loaded ? 'error' : undefined}>
            {!loaded ? t('common:app.loading') : loaded.forbidden ? t('forbidden') : (loaded.said ?? t('loadFailed'))}
          </p>
        )}
      </section>
      {loaded?.ok && <Statistics view={loaded.view} />}
    </div>
  );
}
