/**
 * The meaning of "matches" for MATCH_epc & co (EPCIS 2.0 section 8.2.7.1.1), over normalised
 * identifiers. A query value is one of:
 * - an exact identifier (EPC URN, class URN or Digital Link): equal after normalisation;
 * - an EPC pattern `urn:epc:idpat:<scheme>:f1.f2[.f3]` where trailing fields may be `*`: matches
 *   every identifier of that scheme whose fields agree with the non-`*` fields, whether the
 *   identifier is written as an EPC URN or as a GS1 Digital Link;
 *   (A Digital Link does not say how long the company prefix is, so there the pattern's prefix is
 *   matched as leading digits of the key; GS1 allocates prefixes so that none is a prefix of another.)
 * - for classes, a Digital Link with only a GTIN (`.../01/<gtin>`), which also matches every lot
 *   (`.../01/<gtin>/10/<lot>`) of it, and an sgtin pattern, which matches the GTIN's classes.
 */
import { gs1CheckDigit } from '../identifiers/index.js';
import { normaliseIdentifier } from './normalise.js';

export interface CompiledEpcPattern {
  /** Set when the pattern is one exact normalised identifier: stores can compare with `=`. */
  exact?: string;
  /**
   * A prefix every matching normalised identifier starts with (for `LIKE prefix%`); absent when no
   * useful prefix exists. Candidates must still pass `test`.
   */
  prefix?: string;
  /** Whether a normalised identifier matches. */
  test(normalisedId: string): boolean;
}

type Mode = 'instance' | 'class';

const DL_PRIMARY_AIS = new Set(['00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8006', '8010', '8017', '8018']);

/** The application identifiers and values of a Digital Link path, or undefined for other URIs. */
export function digitalLinkKeys(uri: string): Map<string, string> | undefined {
  const match = /^https?:\/\/[^/]+(\/[^?#]*)/.exec(uri);
  if (!match) return undefined;
  const segments = match[1]!.split('/').filter((s) => s.length > 0);
  const start = segments.findIndex((s) => DL_PRIMARY_AIS.has(s));
  if (start < 0 || (segments.length - start) % 2 !== 0) return undefined;
  const keys = new Map<string, string>();
  for (let i = start; i < segments.length; i += 2) {
    try {
      keys.set(segments[i]!, decodeURIComponent(segments[i + 1]!));
    } catch {
      return undefined;
    }
  }
  return keys;
}

function decodeUrnField(field: string): string {
  try {
    return decodeURIComponent(field);
  } catch {
    return field;
  }
}

type KeyTest = (keys: Map<string, string>) => boolean;

const anyValue = (ai: string): KeyTest => (keys) => keys.has(ai);
const equals = (ai: string, value: string): KeyTest => (keys) => keys.get(ai) === value;
const matchesRe = (ai: string, re: RegExp): KeyTest => (keys) => re.test(keys.get(ai) ?? '');
const all = (...tests: KeyTest[]): KeyTest => (keys) => tests.every((t) => t(keys));

/** A key of `total` digits: the fixed `head` digits, unknown ones, then a check digit. */
function keyWithCheck(head: string, total: number): { exact?: string; re: RegExp } {
  const bodyLength = total - 1;
  if (head.length === bodyLength) {
    const full = head + String(gs1CheckDigit(head));
    return { exact: full, re: new RegExp(`^${full}$`) };
  }
  return { re: new RegExp(`^${head}\\d{${bodyLength - head.length}}\\d$`) };
}

/** The key-based test of an idpat of a GS1 scheme; undefined for schemes not mapped to Digital Link. */
function gs1PatternTest(scheme: string, fields: string[], mode: Mode): KeyTest | undefined {
  const [f1 = '*', f2 = '*', f3 = '*'] = fields;
  const star = (f: string): boolean => f === '*';
  const serialTest = (ai: string, f: string): KeyTest => (star(f) ? anyValue(ai) : equals(ai, decodeUrnField(f)));
  if (star(f1)) {
    const ai = { sgtin: '01', sscc: '00', sgln: '414', grai: '8003', giai: '8004', gsrn: '8018', gsrnp: '8017', gdti: '253', sgcn: '255', cpi: '8010' }[scheme];
    return ai ? anyValue(ai) : undefined;
  }
  switch (scheme) {
    case 'sgtin': {
      // The URN's item reference carries the indicator digit first; the GTIN puts it in front.
      const gtin = star(f2) ? keyWithCheck('', 14) : keyWithCheck(f2.slice(0, 1) + f1 + f2.slice(1), 14);
      const gtinTest: KeyTest = star(f2)
        ? matchesRe('01', new RegExp(`^\\d${f1}\\d{${13 - f1.length}}$`))
        : matchesRe('01', gtin.re);
      return mode === 'class' ? gtinTest : all(gtinTest, serialTest('21', f3));
    }
    case 'sscc':
      return star(f2)
        ? matchesRe('00', new RegExp(`^\\d${f1}\\d{${17 - f1.length}}$`))
        : matchesRe('00', keyWithCheck(f2.slice(0, 1) + f1 + f2.slice(1), 18).re);
    case 'sgln': {
      if (star(f2)) return matchesRe('414', new RegExp(`^${f1}\\d+$`));
      const gln = matchesRe('414', keyWithCheck(f1 + f2, 13).re);
      if (star(f3)) return gln;
      // Extension "0" means "no extension": the Digital Link then has no AI 254.
      return all(gln, f3 === '0' ? (k) => !k.has('254') || k.get('254') === '0' : equals('254', decodeUrnField(f3)));
    }
    case 'grai': {
      if (star(f2)) return matchesRe('8003', new RegExp(`^0${f1}\\d`));
      const base = keyWithCheck(f1 + f2, 13).exact!;
      return star(f3) ? matchesRe('8003', new RegExp(`^0${base}`)) : equals('8003', `0${base}${decodeUrnField(f3)}`);
    }
    case 'giai':
      return star(f2) ? (k) => (k.get('8004') ?? '').startsWith(f1) : equals('8004', f1 + decodeUrnField(f2));
    case 'gsrn':
    case 'gsrnp': {
      const ai = scheme === 'gsrn' ? '8018' : '8017';
      return star(f2) ? matchesRe(ai, new RegExp(`^${f1}\\d+$`)) : equals(ai, keyWithCheck(f1 + f2, 18).exact!);
    }
    case 'gdti':
    case 'sgcn': {
      const ai = scheme === 'gdti' ? '253' : '255';
      if (star(f2)) return (k) => (k.get(ai) ?? '').startsWith(f1);
      const base = keyWithCheck(f1 + f2, 13).exact!;
      return star(f3) ? (k) => (k.get(ai) ?? '').startsWith(base) : equals(ai, base + decodeUrnField(f3));
    }
    case 'cpi':
      if (star(f2)) return (k) => (k.get('8010') ?? '').startsWith(f1);
      return star(f3)
        ? equals('8010', f1 + decodeUrnField(f2))
        : all(equals('8010', f1 + decodeUrnField(f2)), equals('8011', f3));
    default:
      return undefined;
  }
}

/** Field-wise match of an idpat against an EPC URN of the same scheme (for ids not in Digital Link form). */
function urnPatternTest(scheme: string, fields: string[], mode: Mode): (id: string) => boolean {
  return (id) => {
    const m = /^urn:epc:(id|class|idpat):([a-z0-9-]+):(.*)$/i.exec(id);
    if (!m) return false;
    const idScheme = m[2]!.toLowerCase();
    const sameScheme = idScheme === scheme || (mode === 'class' && scheme === 'sgtin' && idScheme === 'lgtin');
    if (!sameScheme) return false;
    const idFields = m[3]!.split('.');
    return fields.every((f, i) => f === '*' || (mode === 'class' && scheme === 'sgtin' && i === 2) || idFields[i] === f);
  };
}

/** Compiles one MATCH_* value for instance identifiers (`instance`) or EPC classes (`class`). */
export function compileEpcPattern(pattern: string, mode: Mode = 'instance'): CompiledEpcPattern {
  const trimmed = pattern.trim();
  const idpat = /^urn:epc:idpat:([a-z0-9-]+):(.*)$/i.exec(trimmed);
  if (!idpat) {
    const exact = normaliseIdentifier(trimmed);
    const keys = mode === 'class' ? digitalLinkKeys(exact) : undefined;
    if (keys && keys.size === 1 && keys.has('01')) {
      // A bare GTIN class also stands for all of its lots.
      const lotPrefix = `${exact}/10/`;
      return { prefix: exact, test: (id) => id === exact || id.startsWith(lotPrefix) };
    }
    return { exact, prefix: exact, test: (id) => id === exact };
  }
  const scheme = idpat[1]!.toLowerCase();
  const fields = idpat[2]!.split('.');
  // Company prefixes and references are digits; anything else can only match literally (URN form).
  const numeric = (f: string | undefined): boolean => f === undefined || f === '*' || /^\d+$/.test(f);
  const digitsOnly = numeric(fields[0]) && (scheme === 'giai' || scheme === 'cpi' || numeric(fields[1]));
  const keyTest = digitsOnly ? gs1PatternTest(scheme, fields, mode) : undefined;
  const urnTest = urnPatternTest(scheme, fields, mode);
  return {
    test: (id) => {
      if (keyTest) {
        const keys = digitalLinkKeys(id);
        if (keys) return keyTest(keys);
      }
      return urnTest(id);
    },
  };
}

/** Whether a normalised identifier matches any of the compiled patterns. */
export function matchesAnyPattern(normalisedId: string, patterns: CompiledEpcPattern[]): boolean {
  return patterns.some((p) => p.test(normalisedId));
}
