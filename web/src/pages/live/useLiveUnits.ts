/**
 * The units on the live map, kept current: the first picture from GET /api/live/units, then every
 * position from the live stream (GET /api/live, Server-Sent Events) as it comes. The stream is
 * opened together with the first picture, so nothing reported in between is missed; for each unit
 * the newer fix wins. EventSource reconnects by itself after a break; the picture is read again
 * then, to catch up with what was said while away.
 *
 * Positions arrive several a second in all: the page is given a new list at most once a second.
 */
import { useEffect, useRef, useState } from 'react';
import { api, problemText } from '../../api/client';
import type { LiveUnit } from './liveTypes';
import { queryString, type LiveQuery } from './liveFilters';

/** How often the page is given the units that changed (milliseconds). */
const REDRAW_EVERY_MS = 1000;

export interface LiveUnits {
  readonly state: 'loading' | 'ready' | 'failed';
  readonly units: readonly LiveUnit[];
  /** Whether the live stream is open now (false while it reconnects). */
  readonly live: boolean;
  readonly error?: string;
}

export function useLiveUnits(query: LiveQuery): LiveUnits {
  const key = queryString(query);
  const [result, setResult] = useState<LiveUnits>({ state: 'loading', units: [], live: false });
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    const units = new Map<string, LiveUnit>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let picture: AbortController | undefined;
    let pictured = false;
    let closed = false;

    const put = (unit: LiveUnit) => {
      const known = units.get(unit.deviceId);
      if (!known || Date.parse(known.fixTime) <= Date.parse(unit.fixTime)) units.set(unit.deviceId, unit);
    };
    const flush = () => {
      timer = undefined;
      if (!closed && pictured) setResult((previous) => ({ state: 'ready', units: [...units.values()], live: previous.live }));
    };
    const readPicture = () => {
      picture?.abort();
      const controller = (picture = new AbortController());
      api
        .GET('/api/live/units', { params: { query: queryRef.current }, signal: controller.signal })
        .then(({ data, error }) => {
          if (closed || controller.signal.aborted) return;
          if (!data) {
            setResult((previous) => ({ ...previous, state: 'failed', error: problemText(error) ?? '' }));
            return;
          }
          for (const unit of data.units) put(unit);
          pictured = true;
          flush();
        })
        .catch(() => {
          if (!closed && !controller.signal.aborted) setResult((previous) => ({ ...previous, state: 'failed', error: '' }));
        });
    };

    const stream = new EventSource(`/api/live${key ? `?${key}` : ''}`);
    let broken = false;
    stream.addEventListener('open', () => {
      setResult((previous) => ({ ...previous, live: true }));
      if (broken) readPicture();
      broken = false;
    });
    stream.addEventListener('error', () => {
      broken = true;
      setResult((previous) => ({ ...previous, live: false }));
    });
    stream.addEventListener('unit', (event) => {
      put(JSON.parse((event as MessageEvent<string>).data) as LiveUnit);
      timer ??= setTimeout(flush, REDRAW_EVERY_MS);
    });
    readPicture();

    return () => {
      closed = true;
      picture?.abort();
      stream.close();
      if (timer !== undefined) clearTimeout(timer);
      setResult({ state: 'loading', units: [], live: false });
    };
  }, [key]);

  return result;
}
