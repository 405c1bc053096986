/** Named queries in SQLite. */
import type Database from 'better-sqlite3';
import type { NamedQuery, NamedQueryRepository } from '../store.js';
import { checkPerPage, decodePageToken, encodePageToken } from './page-token.js';

interface Row {
  name: string;
  query: string;
  created_at: string;
}

function toNamedQuery(row: Row): NamedQuery {
  return { name: row.name, query: JSON.parse(row.query) as Record<string, unknown>, createdAt: row.created_at };
}

/** The named-query repository over an open database. */
export function sqliteNamedQueries(db: Database.Database): NamedQueryRepository {
  const insert = db.prepare('INSERT INTO named_query (name, query, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const select = db.prepare<[string], Row>('SELECT * FROM named_query WHERE name = ?');
  const selectPage = db.prepare<[string, number], Row>('SELECT * FROM named_query WHERE name > ? ORDER BY name LIMIT ?');
  const remove = db.prepare('DELETE FROM named_query WHERE name = ?');
  return {
    async create(query) {
      return insert.run(query.name, JSON.stringify(query.query), query.createdAt).changes === 1;
    },
    async get(name) {
      const row = select.get(name);
      return row ? toNamedQuery(row) : undefined;
    },
    async list(page) {
      const perPage = checkPerPage(page.perPage);
      const after = page.pageToken ? decodePageToken<{ name: string }>(page.pageToken, { name: 'string' }).name : '';
      const rows = selectPage.all(after, perPage + 1);
      const shown = rows.slice(0, perPage);
      return {
        queries: shown.map(toNamedQuery),
        ...(rows.length > perPage ? { nextPageToken: encodePageToken({ name: shown[shown.length - 1]!.name }) } : {}),
      };
    },
    async delete(name) {
      return remove.run(name).changes === 1;
    },
  };
}
