/** A description of the machine a benchmark ran on, for docs/benchmarks.md. */
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';

export interface Machine {
  cpuModel: string;
  /** Logical CPUs available to this process. */
  cpus: number;
  memoryBytes: number;
  os: string;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  tmpdir: string;
  /** 1-minute load average when the benchmark started (other work on the machine skews the figures). */
  loadAverage: number;
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** What this process runs on. */
export function describeMachine(): Machine {
  // A throw-away in-memory database: the only way to ask the linked SQLite library its version.
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpuModel: cpuModel(),
    cpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    betterSqlite3: packageVersion('better-sqlite3'),
    tmpdir: os.tmpdir(),
    loadAverage: os.loadavg()[0]!,
  };
}
