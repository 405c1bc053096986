/**
 * A timeline entry in the reader's language, phrased from its `what` (the server's structured step;
 * docs/architecture.md, "Timeline in the reader's language") with the `timeline` namespace. Places
 * and customs offices are named from the reference data in the same language; free text recorded
 * with the event (a hold's reason) is shown as it was written.
 */
import type { TFunction } from 'i18next';
import { formatHours, formatNumber, formatShortDateTime } from '../../i18n/format';
import type { Reference } from '../../reference/reference-data';
import { officeName, whereaboutsText } from './reference-names';
import type { TimelineEntry, TimelineWhat } from './types';

type Carrier = NonNullable<TimelineWhat['carrier']>;

function carrierText(t: TFunction<'timeline'>, carrier: Carrier): string {
  switch (carrier.kind) {
    case 'vessel': return t('carrier.vessel', { id: carrier.id });
    case 'vehicle': return t('carrier.vehicle', { id: carrier.id });
    case 'wagon': return t('carrier.wagon', { id: carrier.id });
    case 'other': return carrier.id;
  }
}

/** "sealing element breached (01), unauthorised action (07)": the seal codes in the reader's language. */
function sealCodesText(t: TFunction<'timeline'>, codes: readonly string[], language: string): string {
  const named = codes.map((code) => `${t(`sealCode.${code}`, { defaultValue: code })} (${code})`);
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(named);
}

/** The sentence of one entry; the entry's `place` (the server's English) names what the reference data cannot. */
export function timelineSentence(entry: Pick<TimelineEntry, 'what' | 'place'>, t: TFunction<'timeline'>, reference: Reference, language: string): string {
  const { what } = entry;
  const place = what.place ? whereaboutsText(reference, what.place, language, entry.place) : undefined;
  const office = what.office ? officeName(reference, what.office, language, (where) => t('customsPostAt', { place: where })) : undefined;
  // "<kind>.place" when there is a place to name, "<kind>.none" otherwise.
  const at = (key: string, extra: Record<string, string> = {}) => (place ? t(`${key}.place`, { place, ...extra }) : t(`${key}.none`, extra));
  const byOffice = (key: string) => (office ? t(`${key}.office`, { office }) : t(`${key}.none`));
  const withReason = (sentence: string) => (what.reason ? t('withReason', { sentence, reason: what.reason }) : sentence);
  const withCarrier = (sentence: string) => (what.carrier ? t('withCarrier', { sentence, carrier: carrierText(t, what.carrier) }) : sentence);
  const atBorder = what.place?.kind === 'location' && what.place.locationKind === 'border-crossing';

  switch (what.kind) {
    case 'departed':
    case 'position-reported':
    case 'arrived-at-destination':
    case 'delivered':
      return at(`kind.${what.kind}`);
    case 'arrived-at-border':
    case 'border-passed':
      return atBorder ? t(`kind.${what.kind}.border`, { place }) : at(`kind.${what.kind}`);
    case 'incident':
      return withReason(at('kind.incident'));
    case 'arrived-at-place':
    case 'left-place':
    case 'route-rejoined':
      return at(`kind.${what.kind}`);
    case 'route-deviation': {
      if (what.deviationKm === undefined) return t('kind.route-deviation.unmeasured');
      const sentence = at('kind.route-deviation', { km: formatNumber(what.deviationKm, language) });
      return what.thresholdKm !== undefined ? t('withDetail', { sentence, detail: t('threshold', { km: formatNumber(what.thresholdKm, language) }) }) : sentence;
    }
    case 'signal-lost': {
      const sentence = at('kind.signal-lost');
      return what.lastFixTime ? t('withDetail', { sentence, detail: t('lastFix', { time: formatShortDateTime(what.lastFixTime, language) }) }) : sentence;
    }
    case 'signal-recovered': {
      const sentence = at('kind.signal-recovered');
      return what.signalGapS !== undefined ? t('withDetail', { sentence, detail: t('silentFor', { duration: formatHours(what.signalGapS / 3600, language) }) }) : sentence;
    }
    case 'seal-status':
      return what.sealCodes && what.sealCodes.length > 0
        ? at('kind.seal-status.raised', { codes: sealCodesText(t, what.sealCodes, language) })
        : at('kind.seal-status.clear');
    case 'loaded-on-ferry':
    case 'unloaded-from-ferry':
    case 'transshipped':
      return withCarrier(at(`kind.${what.kind}`));
    case 'transit.lodge':
    case 'transit.release-for-transit':
    case 'transit.pass-office':
    case 'transit.arrive':
    case 'transit.release':
      return byOffice(`kind.${what.kind}`);
    case 'transit.accept':
      return what.mrn ? t('kind.transit.accept.mrn', { mrn: what.mrn }) : t('kind.transit.accept.none');
    case 'transit.reject':
    case 'transit.cancel':
    case 'transit.hold':
      return withReason(t(`kind.${what.kind}`));
    case 'transit.discharge':
    case 'transit.control-completed':
    case 'transit.release-from-hold':
      return t(`kind.${what.kind}`);
    case 'transit.control': {
      const sentence = byOffice('kind.transit.control');
      return what.controlKind ? t('withDetail', { sentence, detail: t(`controlKind.${what.controlKind}`, { defaultValue: what.controlKind }) }) : sentence;
    }
    case 'registered':
      return at('kind.registered');
    case 'amended': {
      const sections = (what.changed ?? []).map((section) => t(`section.${section}`));
      return sections.length > 0 ? t('kind.amended.changed', { sections: new Intl.ListFormat(language, { type: 'conjunction' }).format(sections) }) : t('kind.amended.none');
    }
    case 'cancelled':
      return withReason(t('kind.cancelled'));
    case 'not-applied':
      return t(what.act === 'cancellation' ? 'kind.not-applied.cancellation' : 'kind.not-applied.amendment');
    case 'recorded':
      return what.bizStep ? at('kind.recorded', { bizStep: what.bizStep.replace(/_/g, ' ') }) : t('kind.recorded.unnamed');
  }
}
