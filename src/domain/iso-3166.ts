// Whether a two-letter code is an ISO 3166-1 alpha-2 country code that is assigned today. The names
// come from the runtime's own CLDR data (Intl.DisplayNames), so no list of 249 countries is kept
// here; CLDR also names 30 codes that ISO 3166-1 does not assign (exceptionally reserved codes such
// as EU and UN, withdrawn ones such as SU and YU, user-assigned ones such as XK and QO), and those
// are refused by the list below. `ZZ`, `AA` and other unassigned codes get no name from CLDR.

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** Codes CLDR names that are not assigned ISO 3166-1 alpha-2 country codes. */
const NOT_ASSIGNED = new Set([
  // exceptionally reserved
  'AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'FX', 'IC', 'TA', 'UK', 'UN',
  // transitionally reserved or withdrawn
  'AN', 'BU', 'CS', 'DD', 'DY', 'HV', 'NH', 'RH', 'SU', 'TP', 'VD', 'YD', 'YU', 'ZR',
  // user-assigned
  'QO', 'XA', 'XB', 'XK',
]);

/** True when `code` (upper case) is an assigned ISO 3166-1 alpha-2 code, such as GE; false for ZZ. */
export function isAssignedCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_ASSIGNED.has(code)) return false;
  const name = regionNames.of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

/** The English name of an assigned code (CLDR's, such as 'Mongolia'), or undefined. */
export function countryNameOf(code: string): string | undefined {
  return isAssignedCountryCode(code) ? regionNames.of(code) : undefined;
}
