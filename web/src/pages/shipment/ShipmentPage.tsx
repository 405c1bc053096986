/**
 * One shipment (/shipments/:id, the id URL-encoded): status and numbers, progress along its stops
 * with arrival ranges, the map (with the track its devices reported), the timeline in the page's language with the raw EPCIS events,
 * units and documents, customs transit steps per country, holds, the pre-arrival data the caller
 * may see, and its public tracking links. A shipment the caller may not see answers like an unknown
 * one (404), and the page says so.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, problemText } from '../../api/client';
import { formatDateTime } from '../../i18n/format';
import { nameIn } from '../../reference/names';
import { useReference, EMPTY_REFERENCE } from '../../reference/reference-data';
import { Holds } from './Holds';
import { ItineraryProgress } from './ItineraryProgress';
import { journeyStops } from './itinerary-stops';
import { PreArrivalSection } from './PreArrivalSection';
import { PublicLinks } from './PublicLinks';
import { lastWhereabouts, ShipmentHeader } from './ShipmentHeader';
import { ShipmentAlerts } from './ShipmentAlerts';
import { ShipmentTimeline } from './ShipmentTimeline';
import { TransitSteps } from './TransitSteps';
import type { ShipmentDetail } from './types';
import { UnitsAndDocuments } from './UnitsAndDocuments';
import { useShipmentTrack } from './useShipmentTrack';
import './shipment.css';

const CorridorMap = lazy(() => import('../../map/CorridorMap'));

// A failure keeps the server's words when it gave some; the page's own are chosen when shown, in the language of the moment.
type Loaded = { state: 'loading' } | { state: 'not-found' } | { state: 'failed'; problem?: string; unreachable?: boolean } | { state: 'loaded'; shipment: ShipmentDetail };

export default function ShipmentPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(['shipment', 'timeline']);
  const language = i18n.resolvedLanguage ?? 'en';
  const reference = useReference() ?? EMPTY_REFERENCE;
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const track = useShipmentTrack(loaded.state === 'loaded' ? loaded.shipment.id : undefined);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api
      .GET('/api/shipments/{id}', { params: { path: { id } } })
      .then(({ data, error, response }) => {
        if (!current) return;
        if (data) setLoaded({ state: 'loaded', shipment: data });
        else if (response.status === 404) setLoaded({ state: 'not-found' });
        else setLoaded({ state: 'failed', ...(problemText(error) ? { problem: problemText(error)! } : {}) });
      })
      .catch(() => current && setLoaded({ state: 'failed', unreachable: true }));
    return () => {
      current = false;
    };
  }, [id]);

  if (loaded.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <section className="card" aria-labelledby="shipment-title">
        <h1 id="shipment-title">{t('title')}</h1>
        <p role="alert" className="error">
          {loaded.unreachable ? t('common:error.unreachable') : (loaded.problem ?? t('failed'))}
        </p>
      </section>
    );
  }
  if (loaded.state === 'not-found') {
    return (
      <section className="card" aria-labelledby="shipment-title">
        <h1 id="shipment-title">{t('notFound.title')}</h1>
        <p role="alert">{t('notFound.body', { id })}</p>
        <Link to="/shipments">{t('notFound.back')}</Link>
      </section>
    );
  }

  const { shipment } = loaded;
  const stops = journeyStops(shipment, reference);
  const last = lastWhereabouts(shipment);
  const corridor = shipment.corridor ? reference.corridors.get(shipment.corridor) : undefined;
  return (
    <article className="shipment-page" aria-labelledby="shipment-title">
      <ShipmentHeader shipment={shipment} reference={reference} />
      <div className="shipment-columns">
        <ItineraryProgress stops={stops} reference={reference} />
        <section aria-labelledby="map-title" className="card shipment-section">
          <h2 id="map-title">{t('map.title')}</h2>
          <Suspense fallback={<p role="status">{t('map.loading')}</p>}>
            <CorridorMap
              label={t('map.label', { corridor: corridor ? nameIn(corridor.names, language) : (shipment.corridor ?? '') })}
              {...(shipment.corridor ? { corridorId: shipment.corridor } : {})}
              stops={stops.map(({ locationId, state }) => ({ locationId, state }))}
              {...(track ? { track: track.lines, position: track.latest } : last?.kind === 'geo' ? { position: { lat: last.lat, lon: last.lon } } : {})}
            />
          </Suspense>
          {track && <p className="muted shipment-track-note">{t('map.track', { time: formatDateTime(track.latest.fixTime, language) })}</p>}
        </section>
      </div>
      <ShipmentTimeline timeline={shipment.timeline} reference={reference} />
      <ShipmentAlerts shipmentId={shipment.id} />
      <Holds holds={shipment.holds} reference={reference} />
      <TransitSteps transit={shipment.transit} reference={reference} />
      <UnitsAndDocuments shipment={shipment} {...(shipment.preArrival ? { preArrival: shipment.preArrival } : {})} />
      {shipment.preArrival && <PreArrivalSection preArrival={shipment.preArrival} />}
      <PublicLinks shipmentId={shipment.id} />
    </article>
  );
}
