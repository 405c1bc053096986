/**
 * The header's search box: any document number or part of a container number. Suggestions come as
 * one types (GET /api/shipments/search, asked a moment after the last key so typing is not slowed by
 * a request per key), in an ARIA combobox: arrow keys move through them, Enter opens the one picked
 * (its shipment page), Enter with none picked shows all results on the Shipments page (?q=), Escape
 * closes the list. A live region says how many suggestions there are.
 */
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { MIN_SEARCH_LENGTH } from '../pages/shipments/listFilters';
import { useReference } from '../reference/reference-data';
import { kindLabel, lastPlaceOf, matchingNumber, shipmentPath, squash, statusLabel } from '../pages/shipments/shipmentText';
import type { ShipmentListItem } from '../pages/shipments/shipmentTypes';
import './SearchBox.css';

/** How long typing must pause before suggestions are asked for. */
const DEBOUNCE_MS = 250;
const SUGGESTIONS = 8;

type Suggestions = { state: 'idle' } | { state: 'searching' } | { state: 'ready'; items: readonly ShipmentListItem[] } | { state: 'failed' };

export function SearchBox() {
  // Not suspended while its words load: the header must not vanish for a moment on every page.
  // The box is part of the frame (common); its suggestions name statuses and numbers as the list does (shipments).
  const { t, i18n, ready } = useTranslation('common', { useSuspense: false });
  const { t: listT, ready: listReady } = useTranslation('shipments', { useSuspense: false });
  const navigate = useNavigate();
  const places = useReference();
  const inputId = useId();
  const listId = useId();
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<Suggestions>({ state: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = text.trim();
  const searchable = squash(typed).length >= MIN_SEARCH_LENGTH;

  // Ask for suggestions once typing pauses; a newer text cancels the older request.
  useEffect(() => {
    setActive(-1);
    if (!searchable) {
      setSuggestions({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSuggestions({ state: 'searching' });
      api
        .GET('/api/shipments/search', { params: { query: { q: typed, limit: SUGGESTIONS } }, signal: controller.signal })
        .then(({ data }) => {
          if (!controller.signal.aborted) setSuggestions(data ? { state: 'ready', items: data.shipments } : { state: 'failed' });
        })
        .catch(() => {
          if (!controller.signal.aborted) setSuggestions({ state: 'failed' });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [typed, searchable]);

  const items = suggestions.state === 'ready' ? suggestions.items : [];
  const expanded = open && searchable && items.length > 0;
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (item: ShipmentListItem) => {
    setOpen(false);
    setText('');
    void navigate(shipmentPath(item.id));
  };

  const searchAll = () => {
    if (!searchable) return;
    setOpen(false);
    void navigate(`/shipments?${new URLSearchParams({ q: typed }).toString()}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (items.length > 0) setActive((index) => (index + 1) % items.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (items.length > 0) setActive((index) => (index <= 0 ? items.length - 1 : index - 1));
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else setText('');
        break;
      case 'Enter': {
        const picked = expanded && active >= 0 ? items[active] : undefined;
        if (picked) {
          event.preventDefault();
          choose(picked);
        }
        break;
      }
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    searchAll();
  };

  if (!ready || !listReady) return null;
  const status = !searchable
    ? typed.length > 0
      ? t('search.tooShort')
      : ''
    : suggestions.state === 'searching'
      ? t('search.searching')
      : suggestions.state === 'failed'
        ? t('search.failed')
        : suggestions.state === 'ready'
          ? items.length === 0
            ? t('search.none')
            : t('search.suggestions', { count: items.length })
          : '';
  return (
    <form role="search" className="search-box" onSubmit={onSubmit} aria-label={t('search.label')}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="search-box-field">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label={t('search.label')} className="search-box-list" hidden={!expanded}>
          {items.map((item, index) => {
            const number = matchingNumber(item, typed);
            const place = lastPlaceOf(item, places, i18n.language, listT);
            return (
              <li
                key={item.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className="search-box-option"
                // Keeps the focus in the input, so the click is not lost to its blur.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(item)}
              >
                <span className="search-box-number">
                  <span className="muted">{kindLabel(listT, number.kind, number.unit)}</span> <Highlighted text={number.value} part={typed} />
                </span>
                <span className="muted">
                  {statusLabel(listT, item.status)}
                  {place ? ` · ${place}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
        <button type="submit" disabled={!searchable}>
          {t('search.submit')}
        </button>
      </div>
      <span role="status" className="visually-hidden">
        {status}
      </span>
    </form>
  );
}

/** The number with the part typed marked (when it is there as typed; a match across spaces is not marked). */
function Highlighted({ text, part }: { text: string; part: string }) {
  const at = text.toUpperCase().indexOf(part.toUpperCase());
  if (at < 0 || part.length === 0) return <bdi dir="ltr">{text}</bdi>;
  return (
    <bdi dir="ltr">
      {text.slice(0, at)}
      <mark>{text.slice(at, at + part.length)}</mark>
      {text.slice(at + part.length)}
    </bdi>
  );
}
