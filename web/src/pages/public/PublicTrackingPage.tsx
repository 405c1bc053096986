/**
 * The public tracking page, at a public link's own address (/api/public/track/{token}): the server
 * answers a browser's page request there with the app, and the app reads the same address as JSON.
 * No sign-in; it shows what the link's JSON holds and nothing more: status, last place and when,
 * the arrival range, and that place on a small map. A link that is unknown, revoked or expired gets
 * a page saying so in plain words.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { loadLocations, type ReferenceLocation } from '../../map/reference';
import { knownPlace } from './place';
import { TrackingFacts } from './TrackingFacts';
import { useDocumentTitle } from './useDocumentTitle';
import './public.css';

const CorridorMap = lazy(() => import('../../map/CorridorMap'));

export type Tracking = paths['/api/public/track/{token}']['get']['responses']['200']['content']['application/json'];

type Answer = { state: 'loading' } | { state: 'gone' } | { state: 'failed' } | { state: 'shown'; tracking: Tracking };

async function fetchTracking(token: string): Promise<Answer> {
  try {
    // The page's own address, asked for as JSON this time.
    const { data, response } = await api.GET('/api/public/track/{token}', { params: { path: { token } }, headers: { accept: 'application/json' } });
    if (data) return { state: 'shown', tracking: data };
    return response.status === 404 ? { state: 'gone' } : { state: 'failed' };
  } catch {
    return { state: 'failed' };
  }
}

export default function PublicTrackingPage() {
  const { t, i18n } = useTranslation('public');
  const { token = '' } = useParams();
  const [answer, setAnswer] = useState<Answer>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [locations, setLocations] = useState<readonly ReferenceLocation[]>();

  useEffect(() => {
    let current = true;
    setAnswer({ state: 'loading' });
    void fetchTracking(token).then((next) => current && setAnswer(next));
    return () => {
      current = false;
    };
  }, [token, attempt]);

  const lastLocation = answer.state === 'shown' ? answer.tracking.lastLocation : null;
  useEffect(() => {
    // Only for a place to name and draw; without one the page needs no reference data.
    if (lastLocation) loadLocations().then(setLocations, () => setLocations([]));
  }, [lastLocation]);

  useDocumentTitle(answer.state === 'gone' ? t('gone.title') : t('title'));

  if (answer.state === 'loading') {
    return (
      <p role="status" className="public-status">
        {t('loading')}
      </p>
    );
  }
  if (answer.state === 'gone') {
    return (
      <section aria-labelledby="public-title" className="card public-gone">
        <h1 id="public-title">{t('gone.title')}</h1>
        <p>{t('gone.why')}</p>
        <p>{t('gone.what')}</p>
      </section>
    );
  }
  if (answer.state === 'failed') {
    return (
      <section aria-labelledby="public-title" className="card">
        <h1 id="public-title">{t('title')}</h1>
        <p role="alert">{t('failed')}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('retry')}
        </button>
      </section>
    );
  }

  const { tracking } = answer;
  const place = tracking.lastLocation && locations ? knownPlace(locations, tracking.lastLocation, i18n.language) : undefined;
  const placeName = place?.name ?? tracking.lastLocation?.name;
  return (
    <section aria-labelledby="public-title" className="card public-tracking">
      <h1 id="public-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <div className={place ? 'public-tracking-body public-tracking-body--with-map' : 'public-tracking-body'}>
        <TrackingFacts tracking={tracking} placeName={placeName} />
        {place && (
          <section aria-labelledby="public-map-title" className="public-tracking-map">
            <h2 id="public-map-title">{t('map.title')}</h2>
            <Suspense fallback={<p role="status">{t('map.loading')}</p>}>
              <CorridorMap compact hideStopList label={t('map.label', { place: placeName })} stops={[{ locationId: place.location.id, state: 'current', name: place.name }]} />
            </Suspense>
          </section>
        )}
      </div>
    </section>
  );
}
