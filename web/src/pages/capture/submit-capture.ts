/**
 * Sending an EPCIS document to POST /epcis/capture and following its capture job. The body is the
 * file's bytes as they are (the server reads JSON-LD and XML), so this uses fetch directly; the job
 * is read through the typed client.
 */
import { api, type Problem } from '../../api/client';
import type { paths } from '../../api/schema';

export type CaptureJob = paths['/epcis/capture/{captureID}']['get']['responses']['200']['content']['application/json'];
export type ErrorBehaviour = CaptureJob['captureErrorBehaviour'];

/** The media type to send a file as: XML by its name or first character, JSON-LD otherwise. */
export async function mediaTypeOf(file: File): Promise<'application/xml' | 'application/ld+json'> {
  if (/\.xml$/i.test(file.name) || /xml/.test(file.type)) return 'application/xml';
  if (/\.(json|jsonld)$/i.test(file.name)) return 'application/ld+json';
  const start = (await file.slice(0, 256).text()).trimStart();
  return start.startsWith('<') ? 'application/xml' : 'application/ld+json';
}

export type Submission = { accepted: true; captureID: string } | { accepted: false; status: number; problem?: Problem };

/** Sends the document; the capture job's id from the Location of the 202, or the problem of a refusal. */
export async function submitDocument(file: File, errorBehaviour: ErrorBehaviour): Promise<Submission> {
  const response = await fetch('/epcis/capture', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': await mediaTypeOf(file), 'GS1-Capture-Error-Behaviour': errorBehaviour },
    body: file,
  });
  if (response.status === 202) {
    const location = response.headers.get('Location') ?? '';
    const captureID = decodeURIComponent(location.split('/').pop() ?? '');
    if (captureID) return { accepted: true, captureID };
  }
  // A refusal is a problem document (RFC 7807); anything else (a proxy's page) has no detail to show.
  const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
  return { accepted: false, status: response.status, ...(problem ? { problem } : {}) };
}

const POLL_MS = 600;

/**
 * Reads the job until it stops running, telling each state on the way. Gives up (undefined) when the
 * job cannot be read, or when `stillWanted` says the page is gone.
 */
export async function followJob(captureID: string, onState: (job: CaptureJob) => void, stillWanted: () => boolean): Promise<CaptureJob | undefined> {
  for (;;) {
    const { data } = await api.GET('/epcis/capture/{captureID}', { params: { path: { captureID } } });
    if (!data || typeof data === 'string') return undefined;
    onState(data);
    if (!data.running || !stillWanted()) return data;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
