/** Capture jobs and their submitted documents in SQLite. */
import type Database from 'better-sqlite3';
import { EpcisException, type ValidationIssue } from '../../epcis/exceptions.js';
import type { CaptureJob, CaptureJobRepository } from '../store.js';
import { checkPerPage, decodePageToken, encodePageToken } from './page-token.js';

interface JobRow {
  n: number;
  id: string;
  status: CaptureJob['status'];
  error_behaviour: CaptureJob['errorBehaviour'];
  content_type: string;
  created_at: string;
  finished_at: string | null;
  captured: number;
  duplicates: number;
  rejected: number;
  errors: string;
  /** Added by the visibility migration. */
  captured_by: string | null;
  /** Added by the event-aliases migration: JSON [{eventID, hashID}], NULL when none. */
  content_duplicates: string | null;
}

function toJob(row: JobRow): CaptureJob {
  const job: CaptureJob = {
    id: row.id,
    status: row.status,
    errorBehaviour: row.error_behaviour,
    contentType: row.content_type,
    createdAt: row.created_at,
    captured: row.captured,
    duplicates: row.duplicates,
    rejected: row.rejected,
    errors: [],
  };
  // One column keeps both: warnings are the issues marked with severity 'warning'.
  const warnings: ValidationIssue[] = [];
  for (const issue of JSON.parse(row.errors) as ValidationIssue[]) (issue.severity === 'warning' ? warnings : job.errors).push(issue);
  if (warnings.length > 0) job.warnings = warnings;
  if (row.finished_at !== null) job.finishedAt = row.finished_at;
  if (row.captured_by !== null) job.capturedBy = row.captured_by;
  if (row.content_duplicates !== null) job.contentDuplicates = JSON.parse(row.content_duplicates) as CaptureJob['contentDuplicates'];
  return job;
}

const COLUMNS: Record<string, string> = {
  status: 'status',
  errorBehaviour: 'error_behaviour',
  contentType: 'content_type',
  finishedAt: 'finished_at',
  captured: 'captured',
  duplicates: 'duplicates',
  rejected: 'rejected',
  errors: 'errors',
  contentDuplicates: 'content_duplicates',
};

/** Columns that hold JSON. */
const JSON_COLUMNS = new Set(['errors', 'contentDuplicates']);

/** The capture-job repository over an open database. */
export function sqliteCaptureJobs(db: Database.Database): CaptureJobRepository {
  const insertJob = db.prepare(
    `INSERT INTO capture_job (id, status, error_behaviour, content_type, created_at, captured_by) VALUES (?, 'queued', ?, ?, ?, ?)`,
  );
  const insertDocument = db.prepare('INSERT INTO capture_document (job_id, document) VALUES (?, ?)');
  const selectJob = db.prepare<[string], JobRow>('SELECT * FROM capture_job WHERE id = ?');
  const selectPage = db.prepare<[number, number], JobRow>('SELECT * FROM capture_job WHERE n > ? ORDER BY n LIMIT ?');
  const selectOwnersPage = db.prepare<[string, number, number], JobRow>('SELECT * FROM capture_job WHERE captured_by = ? AND n > ? ORDER BY n LIMIT ?');
  const selectUnfinished = db.prepare<[], JobRow>(
    `SELECT * FROM capture_job WHERE status IN ('queued', 'running') ORDER BY n`,
  );
  const selectDocument = db.prepare<[string], { document: Buffer }>('SELECT document FROM capture_document WHERE job_id = ?');
  const create = db.transaction((job: Pick<CaptureJob, 'id' | 'errorBehaviour' | 'contentType' | 'createdAt' | 'capturedBy'>, document: Buffer) => {
    insertJob.run(job.id, job.errorBehaviour, job.contentType, job.createdAt, job.capturedBy ?? null);
    insertDocument.run(job.id, document);
  });

  return {
    async create(job, document) {
      // Committed (in the WAL) before this resolves: the job may then be acknowledged.
      if (selectJob.get(job.id)) {
        throw new EpcisException('ResourceAlreadyExistsException', `capture job ${JSON.stringify(job.id)} exists already`);
      }
      create(job, document);
    },
    async get(id) {
      const row = selectJob.get(id);
      return row ? toJob(row) : undefined;
    },
    async list(whose, page) {
      const perPage = checkPerPage(page.perPage);
      const after = page.pageToken ? decodePageToken<{ n: number }>(page.pageToken, { n: 'number' }).n : 0;
      const rows = whose === 'all' ? selectPage.all(after, perPage + 1) : selectOwnersPage.all(whose.capturedBy, after, perPage + 1);
      const more = rows.length > perPage;
      const shown = rows.slice(0, perPage);
      return {
        jobs: shown.map(toJob),
        ...(more ? { nextPageToken: encodePageToken({ n: shown[shown.length - 1]!.n }) } : {}),
      };
    },
    async unfinished() {
      return selectUnfinished.all().map(toJob);
    },
    async document(id) {
      return selectDocument.get(id)?.document;
    },
    async update(id, changes) {
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const [key, value] of Object.entries(changes)) {
        const column = COLUMNS[key];
        if (!column || value === undefined) continue;
        sets.push(`${column} = ?`);
        values.push(JSON_COLUMNS.has(key) ? JSON.stringify(value) : value);
      }
      if (sets.length === 0) return;
      db.prepare(`UPDATE capture_job SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    },
  };
}
