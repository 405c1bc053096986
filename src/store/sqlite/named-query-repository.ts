/** Named queries in SQLite, each in its owner's namespace (named-query-schema.ts). */
import type Database from 'better-sqlite3';
import type { NamedQuery, NamedQueryRepository } from '../store.js';
import { checkPerPage, decodePageToken, encodePageToken } from './page-token.js';

interface Row {
  owner: string;
  name: string;
  query: string;
  created_at: string;
}

/** The column value of an owner: '' stands for "no owner" (see the migration). */
const ownerColumn = (owner: string | null): string => owner ?? '';

function toNamedQuery(row: Row): NamedQuery {
  return { owner: row.owner === '' ? null : row.owner, name: row.name, query: JSON.parse(row.query) as Record<string, unknown>, createdAt: row.created_at };
}

/** The named-query repository over an open database. */
export function sqliteNamedQueries(db: Database.Database): NamedQueryRepository {
  const insert = db.prepare('INSERT INTO named_query (owner, name, query, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (owner, name) DO NOTHING');
  const select = db.prepare<[string, string], Row>('SELECT * FROM named_query WHERE owner = ? AND name = ?');
  const selectPage = db.prepare<[string, string, number], Row>('SELECT * FROM named_query WHERE (name, owner) > (?, ?) ORDER BY name, owner LIMIT ?');
  const selectOwnPage = db.prepare<[string, string, number], Row>('SELECT * FROM named_query WHERE owner = ? AND name > ? ORDER BY name LIMIT ?');
  const remove = db.prepare('DELETE FROM named_query WHERE owner = ? AND name = ?');
  return {
    async create(query) {
      return insert.run(ownerColumn(query.owner), query.name, JSON.stringify(query.query), query.createdAt).changes === 1;
    },
    async get(owner, name) {
      const row = select.get(ownerColumn(owner), name);
      return row ? toNamedQuery(row) : undefined;
    },
    async list(page) {
      const perPage = checkPerPage(page.perPage);
      const after = page.pageToken ? decodePageToken<{ name: string; owner: string }>(page.pageToken, { name: 'string', owner: 'string' }) : { name: '', owner: '' };
      const rows =
        page.owner === undefined
          ? selectPage.all(after.name, after.owner, perPage + 1)
          : selectOwnPage.all(ownerColumn(page.owner), after.name, perPage + 1);
      const shown = rows.slice(0, perPage);
      const last = shown[shown.length - 1];
      return {
        queries: shown.map(toNamedQuery),
        ...(rows.length > perPage && last ? { nextPageToken: encodePageToken({ name: last.name, owner: last.owner }) } : {}),
      };
    },
    async delete(owner, name) {
      return remove.run(ownerColumn(owner), name).changes === 1;
    },
  };
}
