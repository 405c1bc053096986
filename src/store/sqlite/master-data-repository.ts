/**
 * Master data (vocabulary elements with attributes and children) in SQLite. Element ids are stored
 * normalised like event fields (normaliseIdentifier), so an SGLN URN in the header and a Digital Link
 * in an event's readPoint meet, and descendants() returns the spelling queries compare against.
 */
import type Database from 'better-sqlite3';
import { normaliseIdentifier } from '../../epcis/query/normalise.js';
import type { MasterDataRepository } from '../store.js';

/** The master-data repository over an open database. */
export function sqliteMasterData(db: Database.Database): MasterDataRepository {
  const upsertElement = db.prepare(
    `INSERT INTO vocabulary_element (id, type, attributes) VALUES (?, ?, ?)
     ON CONFLICT (id, type) DO UPDATE SET attributes = excluded.attributes`,
  );
  const deleteChildren = db.prepare('DELETE FROM vocabulary_child WHERE parent = ? AND type = ?');
  const insertChild = db.prepare('INSERT OR IGNORE INTO vocabulary_child (parent, child, type) VALUES (?, ?, ?)');
  // UNION (not UNION ALL) drops repeats, so a cycle in the children ends the recursion.
  const selectDescendants = db.prepare<[string], { id: string }>(
    `WITH RECURSIVE d(id) AS (
       SELECT ?
       UNION
       SELECT c.child FROM vocabulary_child c JOIN d ON c.parent = d.id
     ) SELECT id FROM d`,
  );
  const upsert = db.transaction((vocabularies: Parameters<MasterDataRepository['upsert']>[0]) => {
    for (const vocabulary of vocabularies) {
      for (const element of vocabulary.vocabularyElementList ?? []) {
        const id = normaliseIdentifier(element.id);
        upsertElement.run(id, vocabulary.type, JSON.stringify(element.attributes ?? []));
        deleteChildren.run(id, vocabulary.type);
        for (const child of element.children ?? []) insertChild.run(id, normaliseIdentifier(child), vocabulary.type);
      }
    }
  });
  return {
    async upsert(vocabularies) {
      upsert(vocabularies);
    },
    async descendants(id) {
      return selectDescendants.all(normaliseIdentifier(id)).map((row) => row.id);
    },
  };
}
