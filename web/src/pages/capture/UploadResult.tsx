/**
 * One upload of this session: the file, where its capture job stands, and what came of it — the
 * counts, and every error and warning with the place in the document it is about. A refused upload
 * shows the server's problem and its findings instead.
 */
import { useTranslation } from 'react-i18next';
import { problemText, type Problem } from '../../api/client';
import { formatNumber, formatShortDateTime } from '../../i18n/format';
import type { CaptureJob } from './submit-capture';
import { DataTable } from '../../components/DataTable';

export interface Upload {
  /** This page's own id of the upload (a refused one has no capture job). */
  readonly key: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sentAt: string;
  readonly state: 'sending' | 'running' | 'finished' | 'refused' | 'lost';
  readonly job?: CaptureJob;
  readonly refusal?: { status: number; problem?: Problem };
}

interface Finding {
  readonly where?: string;
  readonly what: string;
}

/** Where in the document: its XML path in an XML document, else its JSON pointer, else line and column. */
function placeOf(
  issue: { pointer?: string; xmlPath?: string; line?: number; column?: number },
  xml: boolean,
  lineColumn: (line: number, column: number) => string,
): string | undefined {
  if (xml && issue.xmlPath !== undefined) return issue.xmlPath;
  if (issue.pointer !== undefined) return issue.pointer === '' ? '/' : issue.pointer;
  if (issue.xmlPath !== undefined) return issue.xmlPath;
  if (issue.line !== undefined) return lineColumn(issue.line, issue.column ?? 0);
  return undefined;
}

function FindingsTable({ caption, findings }: { caption: string; findings: readonly Finding[] }) {
  const { t } = useTranslation('capture');
  if (findings.length === 0) return null;
  return (
    <DataTable caption={caption} columns={[t('findings.where'), t('findings.what')]}>
      {findings.map((finding, index) => (
        <tr key={index}>
          <td>
            <code dir="ltr">{finding.where ?? t('findings.wholeDocument')}</code>
          </td>
          <td>{finding.what}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function stateText(upload: Upload, t: (key: string, options?: Record<string, unknown>) => string): string {
  const job = upload.job;
  switch (upload.state) {
    case 'sending':
      return t('state.sending');
    case 'running':
      return t('state.running', { count: job?.eventsCaptured ?? 0 });
    case 'refused':
      return t('state.refused');
    case 'lost':
      return t('state.lost');
    case 'finished':
      if (!job) return t('state.lost');
      if (job.success) return t('state.succeeded', { count: job.eventsCaptured });
      return job.eventsCaptured > 0 ? t('state.partly', { count: job.eventsCaptured, rejected: job.eventsRejected }) : t('state.failed', { count: job.eventsRejected });
  }
}

export function UploadResult({ upload, headingId }: { upload: Upload; headingId: string }) {
  const { t, i18n } = useTranslation('capture');
  const lang = i18n.language;
  const job = upload.job;
  const lineColumn = (line: number, column: number) => t('findings.lineColumn', { line: formatNumber(line, lang), column: formatNumber(column, lang) });
  const xml = upload.mediaType === 'application/xml';
  const failed = upload.state === 'refused' || (upload.state === 'finished' && job && !job.success);
  return (
    <article className="upload card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span dir="auto">{upload.fileName}</span>
      </h3>
      <p className="muted">{t('sentAt', { time: formatShortDateTime(upload.sentAt, lang), mediaType: upload.mediaType })}</p>
      <p className={failed ? 'upload-state error' : 'upload-state'}>
        {/* An icon-like mark besides colour: the words say it, the sign only repeats it. */}
        <span aria-hidden="true">{failed ? '✗ ' : upload.state === 'finished' ? '✓ ' : '… '}</span>
        {stateText(upload, t)}
      </p>
      {job && (
        <dl className="counts">
          <div>
            <dt>{t('counts.captured')}</dt>
            <dd>{formatNumber(job.eventsCaptured, lang)}</dd>
          </div>
          <div>
            <dt>{t('counts.duplicate')}</dt>
            <dd>{formatNumber(job.eventsDuplicate, lang)}</dd>
          </div>
          <div>
            <dt>{t('counts.rejected')}</dt>
            <dd>{formatNumber(job.eventsRejected, lang)}</dd>
          </div>
          <div>
            <dt>{t('counts.behaviour')}</dt>
            <dd>{t(`behaviour.${job.captureErrorBehaviour}`)}</dd>
          </div>
          <div>
            <dt>{t('counts.job')}</dt>
            <dd>
              <code dir="ltr">{job.captureID}</code>
            </dd>
          </div>
        </dl>
      )}
      {upload.refusal && (
        <>
          <p className="error">{problemText(upload.refusal.problem) ?? t('refusedStatus', { status: upload.refusal.status })}</p>
          <FindingsTable
            caption={t('findings.problemCaption')}
            findings={(upload.refusal.problem?.issues ?? []).map((issue) => ({ where: placeOf(issue, xml, lineColumn), what: issue.message }))}
          />
        </>
      )}
      {job && <FindingsTable caption={t('findings.errorsCaption')} findings={job.errors.map((error) => ({ where: placeOf(error, xml, lineColumn), what: error.detail }))} />}
      {job && <FindingsTable caption={t('findings.warningsCaption')} findings={job.warnings.map((warning) => ({ where: placeOf(warning, xml, lineColumn), what: warning.detail }))} />}
    </article>
  );
}
