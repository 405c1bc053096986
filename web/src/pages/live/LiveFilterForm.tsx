/**
 * The live map's filters: status, corridor, mode and the country a unit is in now, each a labelled
 * select whose choice goes straight into the address (the Shipments list's selects and words).
 */
import { useTranslation } from 'react-i18next';
import { nameIn } from '../../reference/names';
import type { Reference } from '../../reference/reference-data';
import { FilterSelect, sorted, type Group } from '../shipments/ShipmentFilters';
import { MODES, STATUSES } from '../shipments/shipmentTypes';
import type { LiveFilterKey, LiveFilters } from './liveFilters';

interface Props {
  readonly filters: LiveFilters;
  readonly places: Reference | undefined;
  readonly onChange: (key: LiveFilterKey, value: string) => void;
  readonly onClear: () => void;
}

export function LiveFilterForm({ filters, places, onChange, onClear }: Props) {
  const { t, i18n } = useTranslation(['live', 'shipments']);
  const language = i18n.language;
  const corridors = sorted([...(places?.corridors.values() ?? [])].map((c) => ({ value: c.id, label: nameIn(c.names, language) })), language);
  const countries = sorted([...(places?.countries.values() ?? [])].map((c) => ({ value: c.alpha2, label: nameIn(c.names, language) })), language);
  // The live map's country is where a unit is now: the list's "is now in".
  const select = (key: LiveFilterKey, groups: readonly Group[]) => (
    <FilterSelect label={t(`shipments:filters.${key === 'country' ? 'in' : key}`)} anyLabel={t('shipments:filters.any')} value={filters[key]} groups={groups} onChange={(value) => onChange(key, value)} />
  );
  return (
    <form className="list-filters" aria-label={t('filters')} onSubmit={(event) => event.preventDefault()}>
      {select('status', [{ options: STATUSES.map((status) => ({ value: status, label: t(`shipments:status.${status}`) })) }])}
      {select('corridor', [{ options: corridors }])}
      {select('mode', [{ options: MODES.map((mode) => ({ value: mode, label: t(`shipments:mode.${mode}`) })) }])}
      {select('country', [{ options: countries }])}
      <div className="filter-actions">
        <button type="button" className="secondary" onClick={onClear} disabled={!Object.values(filters).some(Boolean)}>
          {t('shipments:filters.clear')}
        </button>
      </div>
    </form>
  );
}
