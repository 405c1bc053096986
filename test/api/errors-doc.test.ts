// docs/errors.md lists every error code of the one table (src/errors.ts): this test renders the
// table's rows and fails when the page says anything else, so the page cannot drift from the code.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_TABLE, epcisProblemType, karvonProblemType, type ErrorCode } from '../../src/errors.js';

const PAGE = new URL('../../docs/errors.md', import.meta.url);
const BEGIN = '<!-- error-table:begin -->';
const END = '<!-- error-table:end -->';

function renderedTable(): string {
  const rows = (Object.keys(ERROR_TABLE) as ErrorCode[]).map((code) => {
    const row = ERROR_TABLE[code];
    return `| \`${code}\` | ${row.status} | \`${karvonProblemType(code)}\` | \`${epcisProblemType(code)}\` | ${row.title} |`;
  });
  return ['| Code | Status | Type (outside /epcis) | Type under /epcis | Meaning |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe('docs/errors.md', () => {
  it('lists every code of src/errors.ts with its status, both problem types and its meaning', () => {
    const page = fs.readFileSync(PAGE, 'utf8');
    const start = page.indexOf(BEGIN);
    const end = page.indexOf(END);
    expect(start, `docs/errors.md needs the markers ${BEGIN} and ${END}`).toBeGreaterThanOrEqual(0);
    const listed = page.slice(start + BEGIN.length, end).trim();
    // On a mismatch, paste the expected table between the markers.
    expect(listed).toBe(renderedTable());
  });

  it('gives every code its own Karvon problem type', () => {
    const types = (Object.keys(ERROR_TABLE) as ErrorCode[]).map(karvonProblemType);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^https:\/\/ns\.karvon\.org\/problems\/[a-z]+(-[a-z]+)*$/);
  });
});
