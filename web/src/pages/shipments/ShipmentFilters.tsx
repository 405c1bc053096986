/**
 * The list's filters, each a labelled select whose choice goes straight into the address (the list
 * below follows; the back button undoes a choice). Corridors, places and countries are named in the
 * page's language from the reference data.
 */
import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterKey, ListFilters } from './listFilters';
import { nameIn } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import type { ReferenceLocation } from '../../reference/reference-data';
import { MODES, STATUSES } from './shipmentTypes';

interface Props {
  readonly filters: ListFilters;
  readonly places: Reference | undefined;
  readonly onChange: (key: FilterKey, value: string) => void;
  readonly onClear: () => void;
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** Options sorted by their words in the page's language. */
export function sorted(options: Option[], language: string): Option[] {
  const collator = new Intl.Collator(language);
  return options.sort((a, b) => collator.compare(a.label, b.label));
}

/** The places goods stand at or pass, grouped by kind (crossings first: the lists are mostly asked about them). */
const PLACE_KINDS = ['border-crossing', 'port', 'terminal'] as const satisfies readonly ReferenceLocation['kind'][];

export interface Group {
  readonly label?: string;
  readonly options: readonly Option[];
}

/**
 * A labelled select of "any" and the groups' options. A value from the address that is none of them
 * (several statuses from a link, places still loading) is kept as an option of its own, so the
 * select shows what the list is filtered by.
 */
export function FilterSelect({ label, anyLabel, value, groups, onChange }: { label: string; anyLabel: string; value: string | undefined; groups: readonly Group[]; onChange: (value: string) => void }) {
  const id = useId();
  const known = value === undefined || groups.some((g) => g.options.some((o) => o.value === value));
  const options = (list: readonly Option[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{anyLabel}</option>
        {!known && <option value={value}>{value}</option>}
        {groups.map((group, i) =>
          group.label ? (
            <optgroup key={group.label} label={group.label}>
              {options(group.options)}
            </optgroup>
          ) : (
            <Fragment key={i}>{options(group.options)}</Fragment>
          ),
        )}
      </select>
    </div>
  );
}

export function ShipmentFilters({ filters, places, onChange, onClear }: Props) {
  const { t, i18n } = useTranslation('shipments');
  const language = i18n.language;
  const corridors = sorted([...(places?.corridors.values() ?? [])].map((c) => ({ value: c.id, label: nameIn(c.names, language) })), language);
  const countries = sorted([...(places?.countries.values() ?? [])].map((c) => ({ value: c.alpha2, label: nameIn(c.names, language) })), language);
  const placeGroups = PLACE_KINDS.map((kind) => ({
    label: t(`locationKind.${kind}`),
    options: sorted([...(places?.locations.values() ?? [])].filter((l) => l.kind === kind).map((l) => ({ value: l.id, label: nameIn(l.names, language) })), language),
  }));
  const select = (key: FilterKey, groups: readonly Group[]) => (
    <FilterSelect label={t(`filters.${key}`)} anyLabel={t('filters.any')} value={filters[key]} groups={groups} onChange={(value) => onChange(key, value)} />
  );
  const hasFilters = Object.values(filters).some(Boolean);
  return (
    <form className="list-filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
      {select('status', [{ options: STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })) }])}
      {select('corridor', [{ options: corridors }])}
      {select('mode', [{ options: MODES.map((mode) => ({ value: mode, label: t(`mode.${mode}`) })) }])}
      {select('country', [{ options: countries }])}
      {select('in', [{ options: countries }])}
      {select('crossing', placeGroups)}
      {select('at', placeGroups)}
      <div className="filter-actions">
        <button type="button" className="secondary" onClick={onClear} disabled={!hasFilters}>
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}
