import path from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { describeDatabase, parseDatabaseUrl } from '../../src/config/database-url.js';

const SECRET_URL = 'postgres://karvon:s3cret-Passw0rd@db.example.org:5432/karvon';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('KARVON_DATABASE_URL', () => {
  it('unset or empty: the embedded SQLite file in the data folder, following a data folder given as an override', () => {
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon' }).database).toEqual({ kind: 'sqlite-file', file: path.resolve('/srv/karvon/karvon.db') });
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon', KARVON_DATABASE_URL: '' }).database).toEqual({ kind: 'sqlite-file', file: path.resolve('/srv/karvon/karvon.db') });
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon' }, { dataDir: '/tmp/elsewhere' }).database).toEqual({ kind: 'sqlite-file', file: path.resolve('/tmp/elsewhere/karvon.db') });
  });

  it('reads every SQLite form: relative and absolute files, the URL form, file: URLs, memory', () => {
    expect(parseDatabaseUrl('sqlite:data/nodes/kz.db')).toEqual({ kind: 'sqlite-file', file: path.resolve('data/nodes/kz.db') });
    expect(parseDatabaseUrl('sqlite:/var/lib/karvon/kz.db')).toEqual({ kind: 'sqlite-file', file: '/var/lib/karvon/kz.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/karvon/kz.db')).toEqual({ kind: 'sqlite-file', file: '/var/lib/karvon/kz.db' });
    expect(parseDatabaseUrl('file:///var/lib/karvon/with%20space.db')).toEqual({ kind: 'sqlite-file', file: '/var/lib/karvon/with space.db' });
    expect(parseDatabaseUrl('file:kz.db')).toEqual({ kind: 'sqlite-file', file: path.resolve('kz.db') });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite-memory' });
    // The config keeps what it read, whatever the data folder.
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon', KARVON_DATABASE_URL: 'sqlite:///var/lib/kz.db' }).database).toEqual({ kind: 'sqlite-file', file: '/var/lib/kz.db' });
  });

  it('accepts a PostgreSQL URL as the reserved form, and keeps its password out of every printed form of the config', () => {
    for (const url of [SECRET_URL, 'postgresql://karvon:s3cret-Passw0rd@db.example.org/karvon']) {
      const config = loadConfig({ KARVON_DATABASE_URL: url });
      expect(config.database.kind).toBe('postgres');
      expect(config.database.kind === 'postgres' && config.database.url).toBe(url);
      expect(JSON.stringify(config)).not.toContain('s3cret');
      expect(inspect(config, { depth: 10 })).not.toContain('s3cret');
      expect(describeDatabase(config.database)).toBe('PostgreSQL db.example.org' + (url === SECRET_URL ? ':5432/karvon' : '/karvon'));
    }
  });

  it('refuses anything else naming the variable and the accepted forms, without repeating the value', () => {
    const mysql = configError({ KARVON_DATABASE_URL: 'mysql://root:s3cret-Passw0rd@db/karvon' });
    expect(mysql).toContain("KARVON_DATABASE_URL must be one of sqlite:<file>, sqlite:///<absolute file>, file:<file>, sqlite::memory: or postgres://user@host/database, got a URL of scheme 'mysql:'");
    expect(mysql).not.toContain('s3cret');
    expect(configError({ KARVON_DATABASE_URL: './karvon.db' })).toContain('KARVON_DATABASE_URL must be one of sqlite:<file>');
    expect(configError({ KARVON_DATABASE_URL: './karvon.db' })).toContain('for a file, write sqlite:<file>');
    expect(configError({ KARVON_DATABASE_URL: 'sqlite:' })).toContain('KARVON_DATABASE_URL must name a file after the scheme');
    expect(configError({ KARVON_DATABASE_URL: 'sqlite://host/karvon.db' })).toContain('not sqlite://<host>');
    // Reported together with the other bad variables.
    expect(configError({ KARVON_DATABASE_URL: 'redis://x', KARVON_PORT: 'eighty' })).toMatch(/KARVON_PORT[\s\S]*KARVON_DATABASE_URL|KARVON_DATABASE_URL[\s\S]*KARVON_PORT/);
  });

  it('describes SQLite locations for logs', () => {
    expect(describeDatabase({ kind: 'sqlite-file', file: '/srv/karvon/karvon.db' })).toBe('SQLite /srv/karvon/karvon.db');
    expect(describeDatabase({ kind: 'sqlite-memory' })).toBe('SQLite in memory');
  });
});
