/**
 * Device ids interned to small integers (table `device_key`, telemetry-schema.ts), both ways, with
 * an in-process cache: an append of a thousand readings looks each device up in a Map, not in the
 * database. Keys are never deleted or changed, so a cache stays true whatever another process
 * writes; only a rolled-back transaction can leave it ahead of the database, hence reset().
 */
import type Database from 'better-sqlite3';

export class DeviceKeys {
  private readonly byId = new Map<string, number>();
  private readonly byKey = new Map<number, string>();
  private readonly selectKey: Database.Statement<[string], { n: number }>;
  private readonly selectId: Database.Statement<[number], { id: string }>;
  private readonly insert: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    /** Tens of thousands of devices fit; past this the cache starts again rather than grow without bound. */
    private readonly maxCached = 500_000,
  ) {
    this.selectKey = db.prepare('SELECT n FROM device_key WHERE id = ?');
    this.selectId = db.prepare('SELECT id FROM device_key WHERE n = ?');
    this.insert = db.prepare('INSERT INTO device_key (id) VALUES (?)');
  }

  /** The key of a device id, creating it (call inside a write transaction). */
  intern(id: string): number {
    const cached = this.byId.get(id);
    if (cached !== undefined) return cached;
    const key = this.selectKey.get(id)?.n ?? Number(this.insert.run(id).lastInsertRowid);
    this.remember(id, key);
    return key;
  }

  /** The key of a device id, or undefined when no reading of it was ever stored. */
  find(id: string): number | undefined {
    const cached = this.byId.get(id);
    if (cached !== undefined) return cached;
    const key = this.selectKey.get(id)?.n;
    if (key !== undefined) this.remember(id, key);
    return key;
  }

  /** The device id of a key read from a position row. */
  id(key: number): string {
    const cached = this.byKey.get(key);
    if (cached !== undefined) return cached;
    const row = this.selectId.get(key);
    if (!row) throw new Error(`position row names device key ${key}, which device_key does not hold`);
    this.remember(row.id, key);
    return row.id;
  }

  reset(): void {
    this.byId.clear();
    this.byKey.clear();
  }

  private remember(id: string, key: number): void {
    if (this.byId.size >= this.maxCached) this.reset();
    this.byId.set(id, key);
    this.byKey.set(key, id);
  }
}
