// The pre-arrival information of a shipment (issue 11): what the forwarder registered, from the
// registration in force (the latest amendment), cut to the share the caller's standing gives it
// (pre-arrival-access.ts). The one cut serves the detail's `preArrival` and the krv:registration of
// events returned to a reader (src/projections/registration-redaction.ts). The registration is read
// defensively: a partner may capture a registration event by EPCIS with anything in krv:registration,
// so only well-typed fields are shown.
import type { PreArrivalAccess } from './pre-arrival-access.js';

export interface PreArrivalUnit {
  kind: string;
  id: string;
  country?: string;
  carriedBy?: string;
  seals?: string[];
}

export interface PreArrivalGoodsLine {
  hsCode: string;
  description: string;
  packages: number;
  packageType?: string;
  grossKg: number;
  declaredValue?: { amount: number; currency: string };
}

export interface PreArrivalView {
  /** Why the caller sees this much: everything, or what handling the units needs. */
  access: Exclude<PreArrivalAccess, 'none'>;
  transportUnits: PreArrivalUnit[];
  /** Packages and gross mass over every goods line. */
  totals: { packages: number; grossKg: number };
  references?: { kind: string; value: string; issuer?: string }[];
  parties?: { role: string; name: string; country: string; gln?: string }[];
  goods?: PreArrivalGoodsLine[];
}

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const number = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const listOf = (registration: Fields, name: string): Fields[] => {
  const list = registration[name];
  return Array.isArray(list) ? list.filter(isObject) : [];
};

/** Copies the named optional text fields that are texts. */
function optionalTexts(from: Fields, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (text(from[n]) !== undefined ? [[n, text(from[n])!]] : [])));
}

function unitOf(u: Fields): PreArrivalUnit[] {
  const kind = text(u.kind);
  const id = text(u.id);
  if (kind === undefined || id === undefined) return [];
  const seals = Array.isArray(u.seals) ? u.seals.filter((s): s is string => typeof s === 'string') : undefined;
  return [{ kind, id, ...optionalTexts(u, ['country', 'carriedBy']), ...(seals && seals.length > 0 ? { seals } : {}) }];
}

function goodsLineOf(g: Fields): PreArrivalGoodsLine[] {
  const [hsCode, description, packages, grossKg] = [text(g.hsCode), text(g.description), number(g.packages), number(g.grossKg)];
  if (hsCode === undefined || description === undefined || packages === undefined || grossKg === undefined) return [];
  const value = isObject(g.declaredValue) ? g.declaredValue : undefined;
  const amount = number(value?.amount);
  const currency = text(value?.currency);
  return [{ hsCode, description, packages, ...optionalTexts(g, ['packageType']), grossKg, ...(amount !== undefined && currency !== undefined ? { declaredValue: { amount, currency } } : {}) }];
}

/** The pre-arrival information `access` allows of `registration`; undefined for none, or without a registration. */
export function preArrivalView(registration: unknown, access: PreArrivalAccess): PreArrivalView | undefined {
  if (access === 'none' || !isObject(registration)) return undefined;
  const goods = listOf(registration, 'goods').flatMap(goodsLineOf);
  const view: PreArrivalView = {
    access,
    transportUnits: listOf(registration, 'transportUnits').flatMap(unitOf),
    totals: { packages: goods.reduce((n, g) => n + g.packages, 0), grossKg: goods.reduce((n, g) => n + g.grossKg, 0) },
  };
  if (access === 'handling') return view;
  return {
    ...view,
    references: listOf(registration, 'references').flatMap((r) =>
      text(r.kind) !== undefined && text(r.value) !== undefined ? [{ kind: text(r.kind)!, value: text(r.value)!, ...optionalTexts(r, ['issuer']) }] : []),
    parties: listOf(registration, 'parties').flatMap((p) =>
      text(p.role) !== undefined && text(p.name) !== undefined && text(p.country) !== undefined
        ? [{ role: text(p.role)!, name: text(p.name)!, country: text(p.country)!, ...optionalTexts(p, ['gln']) }]
        : []),
    goods,
  };
}
