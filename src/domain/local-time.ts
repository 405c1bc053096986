// Local time of an event in the country where it happened: EPCIS events state eventTime with the
// offset of the place (eventTimeZoneOffset), and both the simulator and the telemetry pipeline write
// events from an instant and a country.

// Standard (winter) offsets; none of the corridor's countries observes daylight saving time.
const UTC_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  CN: 480, KZ: 300, KG: 360, UZ: 300, TJ: 300, TM: 300, AZ: 240, GE: 240, AF: 270, PK: 300, TR: 180, IR: 210, RU: 180,
};

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * eventTime and eventTimeZoneOffset in the local time of the country where the event happened, to
 * the second. A country the corridor does not know (or none) gives UTC.
 */
export function localTime(at: number, country: string | undefined): { eventTime: string; eventTimeZoneOffset: string } {
  const minutes = (country !== undefined ? UTC_OFFSET_MINUTES[country] : undefined) ?? 0;
  const local = new Date(Math.floor(at / 1000) * 1000 + minutes * 60_000).toISOString().slice(0, 19);
  const offset = offsetText(minutes);
  return { eventTime: `${local}${offset}`, eventTimeZoneOffset: offset };
}
