/**
 * Interning of repeated strings into small integer ids (tables `vocab` and `ident`, see schema.ts),
 * with an in-process cache so that a capture touches the tables only for values it has not seen.
 * The cache may run ahead of the database only inside a transaction: after a rollback the caller
 * must reset() it, because ids handed out in that transaction no longer exist.
 */
import type Database from 'better-sqlite3';

/** The GS1 Digital Link resolver prefix, stored as one control character to halve the key. */
const GS1_RESOLVER = 'https://id.gs1.org/';
const GS1_MARK = '\u0001';

/** The stored spelling of an interned value. */
export function encodeInterned(value: string): string {
  return value.startsWith(GS1_RESOLVER) ? GS1_MARK + value.slice(GS1_RESOLVER.length) : value;
}

/** The value a stored spelling stands for. */
export function decodeInterned(stored: string): string {
  return stored.startsWith(GS1_MARK) ? GS1_RESOLVER + stored.slice(GS1_MARK.length) : stored;
}

/** Identifiers (EPCs, classes, transaction and party ids): many, each seen a few dozen times. */
export class IdentInterner {
  private readonly cache = new Map<string, number>();
  private readonly select: Database.Statement<[string], { id: number }>;
  private readonly insert: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly maxCached = 200_000,
  ) {
    this.select = db.prepare('SELECT id FROM ident WHERE value = ?');
    this.insert = db.prepare('INSERT INTO ident (value) VALUES (?)');
  }

  /** The id of a value, creating it (call inside a write transaction). */
  intern(value: string): number {
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    const stored = encodeInterned(value);
    const id = this.select.get(stored)?.id ?? Number(this.insert.run(stored).lastInsertRowid);
    // A full reset keeps the bound simple; recent values come back on their next use.
    if (this.cache.size >= this.maxCached) this.cache.clear();
    this.cache.set(value, id);
    return id;
  }

  /** The id of a value, or undefined when no event ever used it. */
  find(value: string): number | undefined {
    return this.cache.get(value) ?? this.select.get(encodeInterned(value))?.id;
  }

  reset(): void {
    this.cache.clear();
  }
}

/** Vocabulary values and locations: few, so all of them are cached with their kind bits. */
export class VocabInterner {
  private readonly cache = new Map<string, { id: number; kinds: number }>();
  private readonly byId = new Map<number, string>();
  private readonly select: Database.Statement<[string], { id: number; kinds: number }>;
  private readonly selectById: Database.Statement<[number], { value: string }>;
  private readonly insert: Database.Statement<[string, number]>;
  private readonly addKinds: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    this.select = db.prepare('SELECT id, kinds FROM vocab WHERE value = ?');
    this.selectById = db.prepare('SELECT value FROM vocab WHERE id = ?');
    this.insert = db.prepare('INSERT INTO vocab (value, kinds) VALUES (?, ?)');
    this.addKinds = db.prepare('UPDATE vocab SET kinds = kinds | ? WHERE id = ?');
  }

  /** The id of a value used as `kind` (a VOCAB_KIND bit), creating it or adding the bit. */
  intern(value: string, kind: number): number {
    let entry = this.cache.get(value);
    if (entry === undefined) {
      const stored = encodeInterned(value);
      const row = this.select.get(stored);
      entry = row ? { id: row.id, kinds: row.kinds } : { id: Number(this.insert.run(stored, kind).lastInsertRowid), kinds: kind };
      this.cache.set(value, entry);
      this.byId.set(entry.id, value);
    }
    if ((entry.kinds & kind) !== kind) {
      this.addKinds.run(kind, entry.id);
      entry.kinds |= kind;
    }
    return entry.id;
  }

  /** The id of a value, or undefined when no event ever used it. */
  find(value: string): number | undefined {
    const cached = this.cache.get(value);
    if (cached) return cached.id;
    return this.select.get(encodeInterned(value))?.id;
  }

  /** The value of an id. */
  value(id: number): string | undefined {
    const cached = this.byId.get(id);
    if (cached !== undefined) return cached;
    const row = this.selectById.get(id);
    if (!row) return undefined;
    const value = decodeInterned(row.value);
    this.byId.set(id, value);
    return value;
  }

  reset(): void {
    this.cache.clear();
    this.byId.clear();
  }
}
