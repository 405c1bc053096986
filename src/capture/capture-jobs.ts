/**
 * Who sees which capture jobs: a job is the business of the organisation that submitted it, and of
 * the network operator, which sees every job (local captures included). Another organisation's job
 * is answered like one that does not exist. Listings are filtered by the store, before paging, so
 * every page is full.
 */
import { isNetworkAdmin, type Principal } from '../model/access.js';
import { KarvonError } from '../errors.js';
import type { CaptureJob, CaptureJobOwner, Store } from '../store/store.js';

export class CaptureJobs {
  constructor(private readonly store: Pick<Store, 'captureJobs'>) {}

  private whose(principal: Principal): CaptureJobOwner {
    return isNetworkAdmin(principal) ? 'all' : { capturedBy: principal.organisation.id };
  }

  /** A page of the jobs the caller may see, oldest first. */
  list(principal: Principal, page: { perPage: number; pageToken?: string }): Promise<{ jobs: CaptureJob[]; nextPageToken?: string }> {
    return this.store.captureJobs.list(this.whose(principal), page);
  }

  /** One job the caller may see, or 404 (the same for another organisation's). */
  async get(principal: Principal, id: string): Promise<CaptureJob> {
    const job = await this.store.captureJobs.get(id);
    const whose = this.whose(principal);
    if (!job || (whose !== 'all' && job.capturedBy !== whose.capturedBy)) {
      throw new KarvonError('KRV_NO_SUCH_RESOURCE', `No capture job has the ID '${id}'`);
    }
    return job;
  }
}
