/**
 * Rates of the pipeline's CPU-bound parts on one core, each over the same parsed corridor events:
 * the event hash ID (the target: 40,000 events/s), validation and JSON-LD decoding. They
 * show where the pipeline's time goes next to the raw insert.
 */
import { decodeDocument } from '../src/capture/decode.js';
import { eventHashId } from '../src/epcis/hash/index.js';
import type { EpcisEvent } from '../src/epcis/model.js';
import { serializeJsonLdDocument } from '../src/epcis/jsonld/serialize.js';
import { validateEvent } from '../src/epcis/validate/index.js';
import { median } from './bench-stats.js';
import { CorridorEventGenerator } from './corridor-events.js';

export interface Rate {
  /** Events per second, median of the runs. */
  median: number;
  runs: number[];
}

export interface ComponentRates {
  events: number;
  hash: Rate;
  validate: Rate;
  decode: Rate;
}

function rate(runs: number, events: number, work: () => void): Rate {
  work(); // warm-up: let the JIT settle before timing
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    work();
    rates.push(events / ((performance.now() - t0) / 1000));
  }
  return { median: median(rates), runs: rates };
}

/** Measures each component `runs` times over `events` events (different seed from the capture runs). */
export function componentRates(options: { events: number; batch: number; seed: number; runs: number }): ComponentRates {
  const generator = new CorridorEventGenerator({ events: options.events, seed: options.seed });
  const documents: Buffer[] = [];
  for (let batch = generator.take(options.batch); batch.length > 0; batch = generator.take(options.batch)) {
    documents.push(Buffer.from(serializeJsonLdDocument(batch, { creationDate: '2026-01-01T00:00:00Z' })));
  }
  const events: EpcisEvent[] = documents.flatMap((d) => decodeDocument(d, 'json').events);
  let sink = 0;
  const hash = rate(options.runs, events.length, () => {
    for (const e of events) sink += eventHashId(e, { binding: 'json' }).length;
  });
  const validate = rate(options.runs, events.length, () => {
    events.forEach((e, i) => (sink += validateEvent(e, `/epcisBody/eventList/${i}`).length));
  });
  const decode = rate(options.runs, events.length, () => {
    for (const d of documents) sink += decodeDocument(d, 'json').events.length;
  });
  if (sink < 0) console.log(sink); // keeps the work observable so that it cannot be optimised away
  return { events: events.length, hash, validate, decode };
}
