import { describe, expect, it } from 'vitest';
import { containerIri, documentIri, parseContainerNumber, vesselIri, wagonIri } from '../../src/domain/index.js';
import { karvonIdentifierProblem, profileIdentifierIssues } from '../../src/domain/profile-identifiers.js';

describe("Karvon's identifier IRIs", () => {
  it('accepts the profile spelling of valid numbers, and leaves other IRIs alone', () => {
    for (const iri of [containerIri('CSQU3054383'), wagonIri('52543261'), vesselIri('9074729'), documentIri('mrn', '25KZ551100T0047113')]) {
      expect(karvonIdentifierProblem(iri), iri).toBeUndefined();
    }
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/smgs/70012345')).toBeUndefined();
    expect(karvonIdentifierProblem('https://example.org/id/container/CSQU3054384')).toBeUndefined();
  });

  it('refuses a wrong check digit with the parser message the shipment registration gives', () => {
    const parsed = parseContainerNumber('CSQU3054384');
    expect(parsed.ok).toBe(false);
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/container/CSQU3054384')).toBe(parsed.ok ? '' : parsed.error);
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/wagon/52543262')).toContain('check digit');
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/vessel/imo9074728')).toContain('check digit');
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/vessel/9074729')).toContain('imo');
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/mrn/25KZ551100T0047114')).toContain('check character');
  });

  it('refuses another spelling of a valid number, naming the profile spelling', () => {
    expect(karvonIdentifierProblem('https://ns.karvon.org/id/container/CSQU%203054383')).toContain(containerIri('CSQU3054383'));
  });

  it('finds them in every identifier field of an event, with pointers', () => {
    const bad = 'https://ns.karvon.org/id/container/CSQU3054384';
    const issues = profileIdentifierIssues({
      epcList: ['urn:epc:id:sscc:0614141.1234567890', bad],
      parentID: bad,
      readPoint: { id: bad },
      bizTransactionList: [{ bizTransaction: 'https://ns.karvon.org/id/mrn/XX' }],
      destinationList: [{ type: 'location', destination: bad }],
    }, '/e');
    expect(issues.map((i) => i.pointer)).toEqual(['/e/epcList/1', '/e/parentID', '/e/readPoint/id', '/e/bizTransactionList/0/bizTransaction', '/e/destinationList/0/destination']);
  });
});
