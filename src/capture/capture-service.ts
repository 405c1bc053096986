/**
 * Capture: documents through capture jobs (acknowledged once the submitted document is durable,
 * processed in order, resumed after a restart) and single events (acknowledged once committed).
 */
import { randomUUID } from 'node:crypto';
import { EpcisException, validationError, type ValidationIssue } from '../epcis/exceptions.js';
import type { EpcisDocument } from '../epcis/model.js';
import { DEFAULT_MAX_CLOCK_SKEW_MS, eventListPointer, xmlPathOfPointer } from '../epcis/validate/index.js';
import { capturedEventFindings, checkCapturedEvent } from './event-checks.js';
import { KarvonError } from '../errors.js';
import type { Organisation } from '../model/access.js';
import { BOOTSTRAP_ORGANISATION, BOOTSTRAP_ORGANISATION_ID } from '../access/authentication.js';
import type { CaptureErrorBehaviour, CaptureJob } from '../store/store.js';
import { refusalError, refusedEvents } from './authorise-events.js';
import { rejectionIssues, type CaptureBatch } from './capture-batch.js';
import { CAPTURE_STEPS, type CaptureDeps } from './capture-steps.js';
import { bindingOfContentType, decodeDocument, decodeSingleEvent, type Binding } from './decode.js';
import { documentItems, documentTooLarge, eventsTooLarge, type ListItemLimits } from './list-items.js';

export interface CaptureLimits {
  /** Most events in one capture. */
  captureLimit: number;
  /**
   * Most list items in one event, and in one document (src/capture/list-items.ts). The runtime
   * always sets them from the configuration; absent, list items are not limited.
   */
  itemLimits?: ListItemLimits;
}

export interface CaptureResult {
  captured: number;
  duplicates: number;
  rejected: number;
  errors: ValidationIssue[];
  /** eventIDs of the newly stored events, in document order. */
  eventIDs: string[];
  /** Hash IDs of the events that were stored already (or repeated in the document). */
  duplicateHashIDs: string[];
  /** Events whose content was stored already under another eventID: the eventID sent, now an alias, and the hash ID. */
  contentDuplicates: { eventID: string; hashID: string }[];
  /** Data-quality findings on captured events (severity 'warning'): reported, not refused. */
  warnings: ValidationIssue[];
}

/** Adds the XML path to each issue of an XML document, so that the sender can find the element. */
function locateIssues(issues: ValidationIssue[], doc: EpcisDocument, binding: Binding): ValidationIssue[] {
  if (binding !== 'xml') return issues;
  return issues.map((issue) => (issue.pointer !== undefined && issue.xmlPath === undefined ? { ...issue, xmlPath: xmlPathOfPointer(issue.pointer, doc) } : issue));
}

export class CaptureService {
  private readonly queue: string[] = [];
  /** Documents submitted in this process, kept parsed (and, under rollback, validated) for their job. */
  private readonly parsed = new Map<string, { doc: EpcisDocument; checked: boolean; warnings: ValidationIssue[]; capturer?: Organisation }>();
  private draining: Promise<void> | undefined;

  constructor(
    private readonly deps: CaptureDeps,
    private readonly limits: CaptureLimits,
    private readonly onJobError: (error: unknown, jobID: string) => void = () => {},
  ) {}

  /** Runs the capture pipeline over a parsed document, in the calling task. */
  async captureDocument(
    doc: EpcisDocument,
    options: {
      binding: Binding;
      errorBehaviour: CaptureErrorBehaviour;
      captureJobID?: string;
      validated?: boolean;
      /** The warnings found when the events were validated (with `validated`). */
      warnings?: ValidationIssue[];
      authorised?: boolean;
      capturer?: Organisation;
      /** Apply the list-item limit per event (captures over the API); local captures are not limited. */
      limited?: boolean;
    },
  ): Promise<CaptureResult> {
    const batch: CaptureBatch = {
      binding: options.binding,
      ...(options.limited && this.limits.itemLimits ? { itemLimitPerEvent: this.limits.itemLimits.perEvent } : {}),
      validated: options.validated ?? false,
      authorised: options.authorised ?? false,
      errorBehaviour: options.errorBehaviour,
      captureJobID: options.captureJobID,
      ...(options.capturer ? { capturer: options.capturer } : {}),
      listPointer: eventListPointer(doc),
      vocabularies: doc.epcisHeader?.epcisMasterData?.vocabularyList ?? [],
      events: doc.events,
      rejected: new Map(),
      prepared: [],
      stored: [],
      duplicates: [],
      contentDuplicates: [],
      warnings: [...(options.warnings ?? [])],
    };
    for (const step of CAPTURE_STEPS) await step(batch, this.deps);
    return {
      captured: batch.stored.length,
      duplicates: batch.duplicates.length,
      rejected: batch.rejected.size,
      errors: locateIssues(rejectionIssues(batch), doc, options.binding),
      eventIDs: batch.stored.map((row) => row.event.eventID as string),
      duplicateHashIDs: batch.duplicates,
      contentDuplicates: batch.contentDuplicates,
      warnings: locateIssues(batch.warnings, doc, options.binding),
    };
  }

  /**
   * Accepts a document for asynchronous capture. Syntax errors, an over-limit document and (under
   * rollback) invalid events are refused at once; otherwise the document is stored with its job
   * before this returns, so an acknowledged capture survives a crash. With a `capturer`, the job
   * captures in that organisation's name (remembered with the job, so a resumed job is authorised
   * the same way), and under rollback events it may not capture are refused at once with 403.
   */
  async submit(body: Buffer, contentType: string | undefined, errorBehaviour: CaptureErrorBehaviour, capturer?: Organisation): Promise<CaptureJob> {
    const binding = bindingOfContentType(contentType);
    const doc = decodeDocument(body, binding);
    this.checkLimits(doc, errorBehaviour);
    let warnings: ValidationIssue[] = [];
    if (errorBehaviour === 'rollback') {
      const pointer = eventListPointer(doc);
      const findings = capturedEventFindings(doc.events, pointer, this.eventCheckOptions());
      const issues = findings.errors;
      warnings = findings.warnings;
      if (issues.length > 0) {
        throw validationError(
          `The document has ${issues.length} validation problem(s); nothing was captured. First: ${issues[0]!.pointer}: ${issues[0]!.message}`,
          locateIssues(issues.slice(0, 100), doc, binding),
        );
      }
      if (capturer) {
        await this.deps.readModelCurrent?.();
        const refused = await refusedEvents(doc.events, capturer, this.deps.store, pointer);
        if (refused.size > 0) {
          const error = refusalError(refused, doc.events.length, capturer);
          throw new KarvonError(error.code, error.message, locateIssues(error.issues, doc, binding));
        }
      }
    }
    const id = randomUUID();
    const createdAt = this.deps.now().toISOString();
    await this.deps.store.captureJobs.create(
      { id, errorBehaviour, contentType: contentType ?? '', createdAt, ...(capturer ? { capturedBy: capturer.id } : {}) },
      body,
    );
    // Under rollback the document was validated and its capturer's rights checked just above.
    this.parsed.set(id, { doc, checked: errorBehaviour === 'rollback', warnings, ...(capturer ? { capturer } : {}) });
    this.enqueue(id);
    const job = await this.deps.store.captureJobs.get(id);
    if (!job) throw new KarvonError('KRV_INTERNAL', `capture job ${id} vanished after it was stored`);
    return job;
  }

  /** Captures one event (POST /events) and returns its eventID once committed. */
  async captureSingle(body: Buffer, contentType: string | undefined, capturer?: Organisation): Promise<{ eventID: string; duplicate: boolean }> {
    const binding = bindingOfContentType(contentType);
    const event = decodeSingleEvent(body, binding);
    const doc: EpcisDocument = { namespaces: {}, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '', events: [event] };
    this.checkItemLimits(doc, '', 'rollback');
    const issues = checkCapturedEvent(event, '', this.eventCheckOptions()).errors;
    if (issues.length > 0) throw validationError('The event is not valid; it was not captured', issues);
    const result = await this.captureDocument(doc, { binding, errorBehaviour: 'rollback', validated: true, limited: true, ...(capturer ? { capturer } : {}) }).catch(
      (error: unknown) => {
        // The event is the whole body here: point into it, not into the document it was wrapped in.
        if (!(error instanceof KarvonError) || error.code !== 'KRV_EVENT_ID_TAKEN') throw error;
        const within = `${eventListPointer(doc)}/0`;
        const issues = error.issues.map((issue) => (issue.pointer?.startsWith(within) ? { ...issue, pointer: issue.pointer.slice(within.length) } : issue));
        throw new KarvonError(error.code, error.message, issues);
      },
    );
    // The eventID sent finds it (a declaration under an alias is stored under the event's own eventID,
    // which the caller need not learn).
    if (result.captured === 1) return { eventID: event.eventID ?? result.eventIDs[0]!, duplicate: false };
    // Already stored: answer with an ID that finds it. The sender's eventID does (when the content
    // was stored under another, it is now that event's alias), and so does the hash ID; the stored
    // event's own eventID is not told, since the caller may not be allowed to see that event.
    return { eventID: event.eventID ?? result.duplicateHashIDs[0]!, duplicate: true };
  }

  private eventCheckOptions() {
    return { recordTime: this.deps.now(), maxClockSkewMs: this.deps.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS };
  }

  /** Puts unfinished jobs of an earlier run back in the queue (call once at start). */
  async resumeUnfinished(): Promise<number> {
    const jobs = await this.deps.store.captureJobs.unfinished();
    for (const job of jobs) this.enqueue(job.id);
    return jobs.length;
  }

  /** Resolves when every queued job has been processed (for tests, tools and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** The limits of a submitted document, checked before anything else is done with it. */
  private checkLimits(doc: EpcisDocument, errorBehaviour: CaptureErrorBehaviour): void {
    if (doc.events.length > this.limits.captureLimit) {
      throw new KarvonError(
        'KRV_CAPTURE_LIMIT',
        `The document holds ${doc.events.length} events; at most ${this.limits.captureLimit} are accepted per capture (GS1-EPCIS-Capture-Limit). Split it into smaller documents.`,
      );
    }
    this.checkItemLimits(doc, eventListPointer(doc), errorBehaviour);
  }

  /**
   * List items: under rollback an event over the per-event limit refuses the document (413, with its
   * pointer); under proceed the job rejects just that event, and it does not count towards the
   * document's total, which is refused as a whole when over its limit.
   */
  private checkItemLimits(doc: EpcisDocument, listPointer: string, errorBehaviour: CaptureErrorBehaviour): void {
    if (!this.limits.itemLimits) return;
    const { perEvent, perDocument } = this.limits.itemLimits;
    const { oversized, total } = documentItems(doc, perEvent, listPointer);
    if (errorBehaviour === 'rollback' && oversized.size > 0) throw eventsTooLarge(oversized, doc.events.length, perEvent);
    if (total > perDocument) throw documentTooLarge(total, perDocument);
  }

  private enqueue(id: string): void {
    this.queue.push(id);
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
  }

  private async drain(): Promise<void> {
    // Let the HTTP response go out before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
      try {
        await this.runJob(id);
      } catch (error) {
        this.onJobError(error, id);
      }
    }
  }

  /** The organisation a resumed job captures for; it must still exist and be active. */
  private async capturerOf(organisationId: string): Promise<Organisation> {
    // The bootstrap token acts as a network operator that is not stored: its jobs resume as it.
    if (organisationId === BOOTSTRAP_ORGANISATION_ID) return BOOTSTRAP_ORGANISATION;
    const organisation = await this.deps.store.access.organisations.get(organisationId);
    if (!organisation || organisation.status !== 'active') {
      throw new KarvonError('KRV_FORBIDDEN', `organisation '${organisationId}' that submitted this capture is unknown or suspended; nothing was captured`);
    }
    return organisation;
  }

  private async runJob(id: string): Promise<void> {
    const jobs = this.deps.store.captureJobs;
    const job = await jobs.get(id);
    if (!job || job.status === 'success' || job.status === 'failed') return;
    await jobs.update(id, { status: 'running' });
    const finish = async (changes: Partial<CaptureJob>, status: 'success' | 'failed') => {
      await jobs.update(id, { ...changes, status, finishedAt: this.deps.now().toISOString() });
      this.deps.bus.publish('capture.job-finished', { captureJobID: id, status });
    };
    try {
      const submitted = this.parsed.get(id);
      this.parsed.delete(id);
      let doc = submitted?.doc;
      const binding = bindingOfContentType(job.contentType);
      if (!doc) {
        const body = await jobs.document(id);
        if (!body) throw new KarvonError('KRV_INTERNAL', `the document of capture job ${id} is missing`);
        doc = decodeDocument(body, binding);
      }
      const capturer = submitted?.capturer ?? (job.capturedBy ? await this.capturerOf(job.capturedBy) : undefined);
      const result = await this.captureDocument(doc, {
        binding,
        errorBehaviour: job.errorBehaviour,
        captureJobID: id,
        validated: submitted?.checked ?? false,
        ...(submitted?.checked ? { warnings: submitted.warnings } : {}),
        authorised: submitted?.checked ?? false,
        limited: true,
        ...(capturer ? { capturer } : {}),
      });
      await finish(
        // Warnings travel with the errors, marked by their severity (the job store keeps one list).
        {
          captured: result.captured,
          duplicates: result.duplicates,
          rejected: result.rejected,
          errors: [...result.errors.slice(0, 1000), ...result.warnings.slice(0, 1000)],
          ...(result.contentDuplicates.length > 0 ? { contentDuplicates: result.contentDuplicates.slice(0, 1000) } : {}),
        },
        result.rejected > 0 ? 'failed' : 'success',
      );
    } catch (error) {
      if (error instanceof EpcisException || error instanceof KarvonError) {
        await finish({ captured: 0, rejected: 0, errors: error.issues.length > 0 ? error.issues : [{ message: error.message }] }, 'failed');
        return;
      }
      await finish({ errors: [{ message: 'An internal error stopped this capture job; it was logged.' }] }, 'failed');
      throw error;
    }
  }
}
