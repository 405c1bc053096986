/**
 * Karvon runs on Node.js 20 (package.json "engines"), so every package it installs must admit
 * Node 20: one that wants Node 22 makes `npm install` print EBADENGINE warnings and may use what
 * Node 20 lacks. package.json "overrides" pins Node-20 versions where a dependency pulls a newer one.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// semver is what npm itself judges engines with (installed for fastify); its types are not installed.
const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { major: number } | null; intersects(a: string, b: string): boolean };

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('engines', () => {
  it('every locked package admits the Node.js major version Karvon supports', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    const supported = `${semver.minVersion(manifest.engines.node)!.major}.x`;
    expect(supported).toBe('20.x');
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
    const refusing = Object.entries(lock.packages)
      .filter(([name, locked]) => name !== '' && !Array.isArray(locked.engines) && locked.engines?.node !== undefined)
      .filter(([, locked]) => !semver.intersects((locked.engines as { node: string }).node, supported))
      .map(([name, locked]) => `${name}@${locked.version} wants node ${(locked.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
