/**
 * The EPCIS event behind a timeline entry, one click away: a modal dialog with two tabs, the event
 * as JSON-LD and as XML (GET /epcis/events/{eventID}, the eventID URL-encoded, asked for by Accept),
 * each left to right in a <pre> whatever the page's direction, with a copy button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';

const FORMATS = [
  { key: 'json', label: 'JSON-LD', accept: 'application/ld+json' },
  { key: 'xml', label: 'XML', accept: 'application/xml' },
] as const;
type Format = (typeof FORMATS)[number]['key'];

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'loaded'; text: string };

async function fetchEvent(eventID: string, accept: string): Promise<string> {
  const response = await fetch(`/epcis/events/${encodeURIComponent(eventID)}`, { headers: { accept }, credentials: 'same-origin' });
  if (!response.ok) throw new Error(String(response.status));
  const text = await response.text();
  // JSON comes in one line: indented, a person can read it.
  return accept.includes('json') ? JSON.stringify(JSON.parse(text), null, 2) : text;
}

export function RawEventDialog({ eventID, title, onClose }: { eventID: string; title: string; onClose: () => void }) {
  const { t } = useTranslation('timeline');
  const dialog = useRef<HTMLDialogElement>(null);
  const tabs = useRef<Record<Format, HTMLButtonElement | null>>({ json: null, xml: null });
  const baseId = useId();
  const [format, setFormat] = useState<Format>('json');
  const [loaded, setLoaded] = useState<Record<Format, Loaded>>({ json: { state: 'loading' }, xml: { state: 'loading' } });

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  useEffect(() => {
    let current = true;
    for (const { key, accept } of FORMATS) {
      fetchEvent(eventID, accept)
        .then((text) => current && setLoaded((was) => ({ ...was, [key]: { state: 'loaded', text } })))
        .catch(() => current && setLoaded((was) => ({ ...was, [key]: { state: 'failed' } })));
    }
    return () => {
      current = false;
    };
  }, [eventID]);

  // Arrow keys move between the tabs, as in any tab list (the direction follows the page's).
  const onTabKey = (event: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next: Format = format === 'json' ? 'xml' : 'json';
    const target: Format = event.key === 'Home' ? 'json' : event.key === 'End' ? 'xml' : next;
    setFormat(target);
    tabs.current[target]?.focus();
  };

  const shown = loaded[format];
  return (
    <dialog ref={dialog} className="raw-event" aria-labelledby={`${baseId}-title`} onClose={onClose}>
      <div className="raw-event-head">
        <h2 id={`${baseId}-title`}>{t('ui.eventTitle')}</h2>
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          {t('ui.close')}
        </button>
      </div>
      <p className="muted">{title}</p>
      <p className="muted event-id" dir="ltr">
        {eventID}
      </p>
      <div role="tablist" aria-label={t('ui.formats')} className="tabs" onKeyDown={onTabKey}>
        {FORMATS.map(({ key, label }) => (
          <button
            key={key}
            ref={(element) => {
              tabs.current[key] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${key}`}
            aria-selected={format === key}
            aria-controls={`${baseId}-panel`}
            tabIndex={format === key ? 0 : -1}
            onClick={() => setFormat(key)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${format}`} className="tab-panel">
        {shown.state === 'loading' && <p role="status">{t('ui.loading')}</p>}
        {shown.state === 'failed' && <p role="alert">{t('ui.failed')}</p>}
        {shown.state === 'loaded' && (
          <>
            <CopyButton text={shown.text} />
            <pre dir="ltr" tabIndex={0} aria-label={FORMATS.find((f) => f.key === format)!.label}>
              {shown.text}
            </pre>
          </>
        )}
      </div>
    </dialog>
  );
}
