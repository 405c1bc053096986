import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable and what is allowed', () => {
    let error: unknown;
    try {
      loadConfig({ KARVON_PORT: 'eighty', KARVON_LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("KARVON_PORT must be a whole number, got 'eighty'");
    expect(message).toContain('KARVON_LOG_LEVEL must be one of');
  });

  it('keeps the audit signing key beside the database unless told where', () => {
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon' }).auditKeyFile).toBe(path.resolve('/srv/karvon/audit-key.pem'));
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon' }, { dataDir: '/tmp/elsewhere' }).auditKeyFile).toBe(path.resolve('/tmp/elsewhere/audit-key.pem'));
    expect(loadConfig({ KARVON_DATA_DIR: '/srv/karvon', KARVON_AUDIT_KEY_FILE: '/etc/karvon/head-key.pem' }).auditKeyFile).toBe('/etc/karvon/head-key.pem');
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ KARVON_PORT: '70000' })).toThrow(/KARVON_PORT must be between 0 and 65535/);
  });

  it('is documented in the README table, variable by variable', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const table = readme.split('<!-- config-table:start -->')[1]!.split('<!-- config-table:end -->')[0]!;
    const rows = table.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => row.split('|')[1]!.trim().replaceAll('`', ''))).toEqual(CONFIG_VARIABLES.map((v) => v.name));
    for (const spec of CONFIG_VARIABLES) {
      const row = rows.find((r) => r.includes(`\`${spec.name}\``))!;
      expect(row).toContain(`\`${spec.default}\``);
    }
  });
});
