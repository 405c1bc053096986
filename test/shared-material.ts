/**
 * Where the official GS1 conformance material lives (../shared/conformance beside the repository,
 * never copied into it), and which test files read it. On a machine without that folder those files
 * are left out of the run (the configs print that they are), so `npm test` passes on a fresh clone.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED_CONFORMANCE = path.resolve(REPO_ROOT, '../shared/conformance');
export const HAS_SHARED_CONFORMANCE = fs.existsSync(SHARED_CONFORMANCE);

/** Every file below `dir` whose name matches `pattern` (all files by default), sorted. */
export function filesUnder(dir: string, pattern: RegExp = /./): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full, pattern) : pattern.test(entry.name) ? [full] : [];
    })
    .sort();
}

/** Test files (relative to the repository) that read the shared conformance material. */
export function testsNeedingSharedMaterial(): string[] {
  return filesUnder(path.join(REPO_ROOT, 'test'))
    .filter((file) => {
      if (!file.endsWith('.test.ts')) return false;
      const text = fs.readFileSync(file, 'utf8');
      return text.includes('../shared/conformance') || text.includes('conformance-material.js');
    })
    .map((file) => path.relative(REPO_ROOT, file));
}

/** Files to leave out of a run because the material they read is absent (with a note on stderr). */
export function excludedForMissingMaterial(suite: string): string[] {
  if (HAS_SHARED_CONFORMANCE) return [];
  const files = testsNeedingSharedMaterial();
  process.stderr.write(
    `[karvon ${suite}] ${SHARED_CONFORMANCE} is absent: the ${files.length} test files that read the official GS1 material are not run.\n`,
  );
  return files;
}
