/**
 * What an arrival estimate rests on, read from its `basis`. The API writes it in English in one of a
 * few forms ('observed, n=37', 'reference figures', 'registered plan', 'observed (n=5) and reference
 * figures', 'observed (n=5) and registered plan'); the pages put it into words of their language.
 */
export type EstimateBasis =
  | { readonly kind: 'observed' | 'observed-and-reference' | 'observed-and-plan'; readonly trips: number }
  | { readonly kind: 'reference' | 'plan' }
  /** A form this app does not know: shown as the API wrote it. */
  | { readonly kind: 'unknown'; readonly text: string };

export function parseBasis(basis: string): EstimateBasis {
  const observed = /^observed, n=(\d+)$/.exec(basis);
  if (observed) return { kind: 'observed', trips: Number(observed[1]) };
  const mixed = /^observed \(n=(\d+)\) and (reference figures|registered plan)$/.exec(basis);
  if (mixed) return { kind: mixed[2] === 'registered plan' ? 'observed-and-plan' : 'observed-and-reference', trips: Number(mixed[1]) };
  if (basis === 'reference figures') return { kind: 'reference' };
  if (basis === 'registered plan') return { kind: 'plan' };
  return { kind: 'unknown', text: basis };
}

/** The translation key (under a page's own prefix) and its count for a basis, or the raw text. */
export function basisKey(basis: string): { key: 'observed' | 'observedAndReference' | 'observedAndPlan' | 'reference' | 'plan'; count?: number } | { text: string } {
  const parsed = parseBasis(basis);
  switch (parsed.kind) {
    case 'observed':
      return { key: 'observed', count: parsed.trips };
    case 'observed-and-reference':
      return { key: 'observedAndReference', count: parsed.trips };
    case 'observed-and-plan':
      return { key: 'observedAndPlan', count: parsed.trips };
    case 'reference':
    case 'plan':
      return { key: parsed.kind };
    case 'unknown':
      return { text: parsed.text };
  }
}
