/**
 * EPCISCaptureJob in XML: the response body of GET /capture/{captureID} (EPCIS 2.0 XSD
 * EPCISCaptureJobType), read and written.
 */
import { validationError } from '../exceptions.js';
import { EpcisXmlReader } from './document-reader.js';
import { StrictUtf8Decoder } from './utf8.js';
import { errorAt, isStandard, EPCIS_NS, type XmlElement } from './xml-tree.js';
import { XmlWriter } from './xml-writer.js';

/** One RFC 7807 problem of a capture job. */
export interface CaptureJobError {
  type: string;
  title: string;
  status?: number;
  detail?: string;
  instance?: string;
}

/** A capture job as the EPCIS 2.0 REST binding describes it. */
export interface CaptureJob {
  captureID: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: 'rollback' | 'proceed';
  createdAt?: string;
  finishedAt?: string;
  errors: CaptureJobError[];
  errorFile?: string;
  /**
   * An implementation's addition, written in its own namespace where the XSD allows other
   * namespaces' elements (after the errors): events whose content was stored already under another
   * eventID, with the eventID sent and the hash ID. Not read back by parseXmlCaptureJob.
   */
  contentDuplicates?: { namespace: string; items: { eventID: string; hashID: string }[] };
}

function bool(el: XmlElement, name: string): boolean {
  const v = el.attributes.find((a) => a.local === name && !a.uri)?.value?.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw errorAt(el, `EPCISCaptureJob needs a ${name} attribute of true or false`);
}

function readJob(el: XmlElement): CaptureJob {
  const captureID = el.attributes.find((a) => a.local === 'captureID' && !a.uri)?.value;
  if (!captureID) throw errorAt(el, 'EPCISCaptureJob needs a captureID attribute');
  const job: CaptureJob = { captureID, running: bool(el, 'running'), success: bool(el, 'success'), captureErrorBehaviour: 'rollback', errors: [] };
  let behaviour: string | undefined;
  for (const c of el.children) {
    if (!isStandard(c)) continue;
    const text = c.text.trim();
    if (c.local === 'captureErrorBehaviour') behaviour = text;
    else if (c.local === 'createdAt') job.createdAt = text;
    else if (c.local === 'finishedAt') job.finishedAt = text;
    else if (c.local === 'errorFile') job.errorFile = text;
    else if (c.local === 'errors') job.errors = c.children.filter((x) => isStandard(x, 'error')).map(readProblem);
  }
  if (behaviour !== 'rollback' && behaviour !== 'proceed') {
    throw errorAt(el, `captureErrorBehaviour must be rollback or proceed, not "${behaviour ?? ''}"`);
  }
  job.captureErrorBehaviour = behaviour;
  return job;
}

function readProblem(el: XmlElement): CaptureJobError {
  const field = (name: string) => el.children.find((c) => isStandard(c, name))?.text.trim();
  const type = field('type');
  const title = field('title');
  if (type === undefined || title === undefined) throw errorAt(el, 'a capture job error needs <type> and <title>');
  const problem: CaptureJobError = { type, title };
  const status = field('status');
  if (status !== undefined) {
    const n = Number(status);
    if (!Number.isInteger(n)) throw errorAt(el, `status must be an integer, not "${status}"`);
    problem.status = n;
  }
  const detail = field('detail');
  if (detail !== undefined) problem.detail = detail;
  const instance = field('instance');
  if (instance !== undefined) problem.instance = instance;
  return problem;
}

/** Parses an EPCISCaptureJob XML body. */
export function parseXmlCaptureJob(input: string | Buffer | Uint8Array): CaptureJob {
  let job: CaptureJob | undefined;
  let rootName = '';
  const reader = new EpcisXmlReader(
    {
      root: (info) => {
        rootName = info.local;
      },
      event: () => undefined,
      wholeRoot: (el) => {
        if (el.local === 'EPCISCaptureJob') job = readJob(el);
      },
    },
    { captureRoot: true, bytes: typeof input !== 'string' },
  );
  if (typeof input === 'string') reader.write(input);
  else {
    const decoder = new StrictUtf8Decoder();
    reader.write(decoder.write(input));
    reader.write(decoder.end());
  }
  reader.end();
  if (!job) {
    throw validationError(`<${rootName}> is not an EPCISCaptureJob`, [{ message: 'expected EPCISCaptureJob', xmlPath: `/${rootName}` }]);
  }
  return job;
}

/** Serialises a capture job as an EPCIS 2.0 XML EPCISCaptureJob element. */
export function serializeXmlCaptureJob(job: CaptureJob): string {
  const w = new XmlWriter().declaration().open('epcis:EPCISCaptureJob', [
    ['xmlns:epcis', EPCIS_NS],
    ['running', String(job.running)],
    ['success', String(job.success)],
    ['captureID', job.captureID],
  ]);
  w.leaf('captureErrorBehaviour', job.captureErrorBehaviour);
  if (job.createdAt !== undefined) w.leaf('createdAt', job.createdAt);
  if (job.finishedAt !== undefined) w.leaf('finishedAt', job.finishedAt);
  // The XSD allows either an inline error list or a link to an error file, not both.
  if (job.errors.length) {
    w.open('errors');
    for (const e of job.errors) {
      w.open('error').leaf('type', e.type).leaf('title', e.title);
      if (e.status !== undefined) w.leaf('status', String(e.status));
      if (e.detail !== undefined) w.leaf('detail', e.detail);
      if (e.instance !== undefined) w.leaf('instance', e.instance);
      w.close('error');
    }
    w.close('errors');
  } else if (job.errorFile !== undefined) w.leaf('errorFile', job.errorFile);
  if (job.contentDuplicates && job.contentDuplicates.items.length > 0) {
    w.open('ext:contentDuplicates', [['xmlns:ext', job.contentDuplicates.namespace]]);
    for (const { eventID, hashID } of job.contentDuplicates.items) {
      w.open('ext:contentDuplicate').leaf('ext:eventID', eventID).leaf('ext:hashID', hashID).close('ext:contentDuplicate');
    }
    w.close('ext:contentDuplicates');
  }
  return w.close('epcis:EPCISCaptureJob').toString() + '\n';
}
