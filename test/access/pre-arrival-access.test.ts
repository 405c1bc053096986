// Why a caller sees a shipment decides how much of its registration it sees: read from the keys it
// shares with the shipment's audience (as visibility.ts decides whether it sees the shipment at all).
import { describe, expect, it } from 'vitest';
import { preArrivalAccess } from '../../src/access/pre-arrival-access.js';
import type { ReadScope } from '../../src/model/visibility-scope.js';

const AUDIENCE = ['org:kz-forwarder', 'party:https://id.gs1.org/417/4870001007010', 'customs:KZ', 'location:aktau-port', 'location:almaty'];
const scope = (organisationId: string, keys: string[]): ReadScope => ({ kind: 'audience', organisationId, keys });

describe('preArrivalAccess', () => {
  it('gives everything to the registrant, a named party, the customs of a country on the way and the network operator', () => {
    expect(preArrivalAccess(scope('kz-forwarder', ['org:kz-forwarder']), AUDIENCE)).toBe('full');
    expect(preArrivalAccess(scope('consignee', ['org:consignee', 'party:https://id.gs1.org/417/4870001007010']), AUDIENCE)).toBe('full');
    expect(preArrivalAccess(scope('kz-customs', ['org:kz-customs', 'customs:KZ']), AUDIENCE)).toBe('full');
    expect(preArrivalAccess({ kind: 'all' }, AUDIENCE)).toBe('full');
  });

  it('gives the operator of a location on the way what handling needs, and nothing to others', () => {
    expect(preArrivalAccess(scope('port', ['org:port', 'location:aktau-port']), AUDIENCE)).toBe('handling');
    expect(preArrivalAccess(scope('uz-customs', ['org:uz-customs', 'customs:UZ']), AUDIENCE)).toBe('none');
    expect(preArrivalAccess({ kind: 'aggregates' }, AUDIENCE)).toBe('none');
  });

  it('takes an organisation key as the registrant\'s only when it is the caller\'s own', () => {
    // Another organisation cannot answer to the registrant's key, but the rule does not rely on that.
    expect(preArrivalAccess(scope('port', ['org:kz-forwarder', 'location:aktau-port']), AUDIENCE)).toBe('handling');
  });
});
