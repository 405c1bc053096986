/**
 * Migration of party ids to claims: `organisation_party` holds the normalised key of every party id
 * of every organisation (partyKey: a PGLN URN and its GS1 Digital Link give one key), with the key
 * as primary key, so a party belongs to at most one organisation and two creations claiming it at
 * once cannot both succeed. `organisation.party_ids` keeps the ids as written, for reading.
 *
 * The keys are computed in code (normalisation is not SQL), so this migration is a function. A store
 * made before the rule may hold one party under several organisations: the organisation created
 * first keeps it, and it is removed from the party ids of the others (docs/security.md).
 */
import type Database from 'better-sqlite3';
import { partyKey } from '../../model/visibility-scope.js';

export function claimPartyIds(db: Database.Database): void {
  db.exec(`
    CREATE TABLE organisation_party (
      party_key TEXT PRIMARY KEY,
      organisation_id TEXT NOT NULL REFERENCES organisation (id)
    ) WITHOUT ROWID;
    CREATE INDEX organisation_party_by_organisation ON organisation_party (organisation_id);
  `);
  const claim = db.prepare('INSERT INTO organisation_party (party_key, organisation_id) VALUES (?, ?) ON CONFLICT (party_key) DO NOTHING');
  const holderOf = db.prepare<[string], { organisation_id: string }>('SELECT organisation_id FROM organisation_party WHERE party_key = ?');
  const keepPartyIds = db.prepare('UPDATE organisation SET party_ids = ? WHERE id = ?');
  const organisations = db.prepare<[], { id: string; party_ids: string }>('SELECT id, party_ids FROM organisation ORDER BY created_at, id').all();
  for (const organisation of organisations) {
    const partyIds = JSON.parse(organisation.party_ids) as string[];
    const kept = partyIds.filter((partyId) => {
      const key = partyKey(partyId);
      claim.run(key, organisation.id);
      return holderOf.get(key)?.organisation_id === organisation.id;
    });
    if (kept.length !== partyIds.length) keepPartyIds.run(JSON.stringify(kept), organisation.id);
  }
}
