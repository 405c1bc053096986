/**
 * A shipment read model (writer, runner, queries) over a real store (test/helpers/stores.ts: in-memory SQLite by default), for tests: `apply` stores events the
 * way capture does (with their hash IDs, in the given order) and waits until the projection has
 * folded them.
 */
import type { EpcisEvent } from '../../src/epcis/model.js';
import { eventHashId } from '../../src/epcis/hash/index.js';
import { shipmentReadModel, type ShipmentProjectionOptions, type ShipmentReadModel } from '../../src/projections/shipment-projection.js';
import type { ShipmentQueries } from '../../src/projections/shipment-queries.js';
import { openTestStore } from '../helpers/stores.js';
import type { Store } from '../../src/store/store.js';

export interface ProjectionHarness {
  readonly store: Store;
  /** The read model's reads. */
  readonly projection: ShipmentQueries;
  /** Its writer and the runner that drives it. */
  readonly readModel: ShipmentReadModel;
  /** Stores the events (skipping ones stored already) and folds them. */
  apply(events: readonly EpcisEvent[]): Promise<void>;
  close(): Promise<void>;
}

export async function projectionHarness(options: ShipmentProjectionOptions = {}): Promise<ProjectionHarness> {
  const store = await openTestStore();
  const readModel = shipmentReadModel(store, options);
  return {
    store,
    projection: readModel.queries,
    readModel,
    async apply(events) {
      // As capture does: the hash is of the event as sent, recordTime is set on arrival.
      const recordTime = new Date().toISOString();
      await store.events.insert(events.map((event) => ({ event: { ...event, recordTime: event.recordTime ?? recordTime }, hashID: eventHashId(event, { binding: 'json' }) })));
      await readModel.runner.catchUp();
    },
    close: () => store.close(),
  };
}
