/**
 * What the README says about running the command line and about the demo must be true: checked
 * against package.json and the configuration's own defaults, so a change on either side shows here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const defaultOf = (name: string) => Number(CONFIG_VARIABLES.find((variable) => variable.name === name)!.default);
const flat = readme.replace(/\s+/g, ' ');

describe('README', () => {
  it('runs the CLI from the checkout as it really runs: npx karvon or npm link, not node_modules/.bin', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; bin: Record<string, string> };
    // npx karvon in the checkout runs the package's own bin, which npm does not link into its own node_modules/.bin.
    expect(manifest.name).toBe('karvon');
    expect(fs.existsSync(path.join(root, manifest.bin.karvon!))).toBe(true);
    expect(flat).toContain('`npx karvon ...`');
    expect(flat).toContain('`npm link`');
    expect(flat).not.toMatch(/npm install` puts the `karvon` command in `node_modules\/\.bin`/);
    expect(flat).toContain('`--data-dir <folder>`, which wins over `KARVON_DATA_DIR`');
  });

  it('describes the demo with the figures of the default settings, not "a few thousand over three weeks"', () => {
    const shipments = defaultOf('KARVON_DEMO_SHIPMENTS');
    const days = defaultOf('KARVON_DEMO_DAYS');
    expect(flat).not.toContain('a few thousand simulated shipments on the corridors over the last three weeks');
    expect(flat).toContain(`${shipments.toLocaleString('en-GB')} simulated shipments departing over ${days * 2} days, the first ${days} days`);
    expect(flat).toContain(`\`KARVON_DEMO_SHIPMENTS=${shipments}\``);
    expect(flat).toContain(`\`KARVON_DEMO_DAYS=${days}\``);
  });
});
