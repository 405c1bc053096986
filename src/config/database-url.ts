/**
 * KARVON_DATABASE_URL: which store Karvon opens. Read here, once, into a `DatabaseLocation`; the
 * store factory (src/store/open-store.ts) is the one place that turns a location into a store.
 *
 * A URL may carry a password (postgres://user:secret@host/db), so nothing here puts the value into
 * a message: errors name the scheme only, a PostgreSQL URL is kept out of enumeration (JSON,
 * util.inspect and spreads of the config do not show it), and `describeDatabase` gives the
 * credential-free text for logs.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseLocation =
  /** The embedded store on a file (WAL mode: the -wal and -shm files sit beside it). */
  | { readonly kind: 'sqlite-file'; readonly file: string }
  /** The embedded store in memory: gone when the process ends (tests, trials). */
  | { readonly kind: 'sqlite-memory' }
  /** Reserved for the PostgreSQL store; `url` is not enumerable, see above. */
  | { readonly kind: 'postgres'; readonly url: string };

/** The database file inside the data folder when KARVON_DATABASE_URL is not set. */
export const DEFAULT_SQLITE_FILE = 'karvon.db';

/** The accepted forms, as error messages and the README say them. */
export const DATABASE_URL_FORMS = 'sqlite:<file>, sqlite:///<absolute file>, file:<file>, sqlite::memory: or postgres://user@host/database';

/** Why a value cannot be read; the message never contains the value (it may hold a password). */
export class DatabaseUrlError extends Error {}

/** Reads a KARVON_DATABASE_URL value (not empty). Relative files are resolved against the working folder. */
export function parseDatabaseUrl(raw: string): DatabaseLocation {
  const value = raw.trim();
  if (value === 'sqlite::memory:') return { kind: 'sqlite-memory' };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    const location = { kind: 'postgres' } as { kind: 'postgres'; url: string };
    Object.defineProperty(location, 'url', { value, enumerable: false });
    return location;
  }
  if (/^sqlite:/i.test(value)) return { kind: 'sqlite-file', file: sqliteFile(value.slice('sqlite:'.length)) };
  if (/^file:/i.test(value)) {
    const rest = value.slice('file:'.length);
    if (rest.startsWith('//')) {
      try {
        return { kind: 'sqlite-file', file: fileURLToPath(value) };
      } catch {
        throw new DatabaseUrlError(`must be one of ${DATABASE_URL_FORMS}; a file: URL must be file:///<absolute file>`);
      }
    }
    return { kind: 'sqlite-file', file: nonEmptyFile(rest) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new DatabaseUrlError(
    `must be one of ${DATABASE_URL_FORMS}, got ${scheme ? `a URL of scheme '${scheme}:'` : 'a value without a scheme (for a file, write sqlite:<file>)'}`,
  );
}

function sqliteFile(rest: string): string {
  // sqlite:///abs/path is the URL form of an absolute path; sqlite://x would name a host, which a file has not.
  if (rest.startsWith('///')) return nonEmptyFile(rest.slice(2));
  if (rest.startsWith('//')) throw new DatabaseUrlError(`must be one of ${DATABASE_URL_FORMS}; write sqlite:///<absolute file> or sqlite:<relative file>, not sqlite://<host>`);
  return nonEmptyFile(rest);
}

function nonEmptyFile(file: string): string {
  if (file.trim() === '' || file.trim() === '/') throw new DatabaseUrlError(`must name a file after the scheme (${DATABASE_URL_FORMS})`);
  return path.resolve(file.trim());
}

/** The location for logs and messages: which store and where, never a user name or password. */
export function describeDatabase(location: DatabaseLocation): string {
  switch (location.kind) {
    case 'sqlite-file':
      return `SQLite ${location.file}`;
    case 'sqlite-memory':
      return 'SQLite in memory';
    case 'postgres': {
      try {
        const url = new URL(location.url);
        return `PostgreSQL ${url.host}${url.pathname}`;
      } catch {
        return 'PostgreSQL';
      }
    }
  }
}
