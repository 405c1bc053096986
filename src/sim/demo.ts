/**
 * The living demo of `karvon serve`: a few thousand simulated shipments over the last weeks,
 * captured as history at start, and the rest of the same simulation played back live as the clock
 * reaches each event, so a new user sees a working corridor at once and shipments that keep moving.
 *
 * The demo only ever starts on an empty store, and it writes `demo.json` into the data folder with
 * its seed and start. After a restart the same simulation is regenerated from that file: what was
 * captured already comes back as duplicates (skipped by capture), and the live part carries on.
 *
 * Before any event, the demo creates the organisations of the member states with their demo users
 * and the governance history (demo-organisations.ts, docs/demo.md); demo.json records that it did.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EpcisEvent } from '../epcis/model.js';
import type { Runtime } from '../runtime/runtime.js';
import { seedDemoGovernance, seedDemoOrganisations } from './demo-organisations.js';
import { demoTelemetryPlayer, seedDemoDevices, type DemoTelemetryPlayer } from './demo-telemetry.js';
import { simulate } from './simulate.js';

export interface DemoSettings {
  shipments: number;
  /** Days of history before now; the simulation runs as many days again into the future. */
  days: number;
  seed: number;
  /** How much faster than the clock the live part runs (1 = real time, so event times are truthful). */
  speed: number;
}

interface DemoFile {
  seed: number;
  start: string;
  shipments: number;
  days: number;
  /** Set once the demo organisations, users and governance history exist. */
  organisationsSeeded?: boolean;
}

export interface RunningDemo {
  /** Events captured as history at start (new ones; duplicates of an earlier run not counted). */
  historyCaptured: number;
  /** Events still to be played back live. */
  livePending(): number;
  /** Ends the live part (on shutdown). */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
const DOCUMENT_SIZE = 500;
/** Hours of readings sent as history at start: enough for tracks on the map, not millions of readings. */
const TELEMETRY_HISTORY_HOURS = 6;

/**
 * Holds the runtime's readiness (/ready) from now until the demo has seeded its organisations, users
 * and history and the followers have folded that history: call it before the server listens, then
 * start the demo with the function it returns. Without it a fresh server said ready while sign-ins
 * of demo users still failed for half a minute.
 */
export function holdReadinessForDemo(runtime: Runtime): (settings: DemoSettings, log: (message: string) => void) => Promise<RunningDemo | undefined> {
  const release = runtime.startup.hold('the demo seeding');
  return async (settings, log) => {
    try {
      const demo = await startDemo(runtime, settings, log);
      // A follower that fails was reported, and /ready names it: the demo has finished either way.
      await runtime.followers.caughtUp().catch(() => {});
      return demo;
    } finally {
      release();
    }
  };
}

/** Starts the demo, or returns undefined when the store holds data that is not the demo's. */
export async function startDemo(runtime: Runtime, settings: DemoSettings, log: (message: string) => void): Promise<RunningDemo | undefined> {
  const file = path.join(runtime.config.dataDir, 'demo.json');
  let demo: DemoFile;
  if (fs.existsSync(file)) {
    demo = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoFile;
  } else {
    if ((await runtime.store.events.total()) > 0) return undefined;
    demo = { seed: settings.seed, start: new Date(Date.now() - settings.days * DAY_MS).toISOString(), shipments: settings.shipments, days: settings.days };
    fs.writeFileSync(file, JSON.stringify(demo, null, 2));
  }
  if (!demo.organisationsSeeded) {
    // Each step skips what exists, so a start that stopped half way completes on the next one.
    const created = await seedDemoOrganisations(runtime.access, runtime.store);
    await seedDemoGovernance(runtime.governance, runtime.access, new Date(demo.start));
    demo = { ...demo, organisationsSeeded: true };
    fs.writeFileSync(file, JSON.stringify(demo, null, 2));
    log(`demo: ${created} organisations of the six member states created, each with a demo sign-in (see docs/demo.md)`);
  }
  // Border arrivals and crossings of the last hours and of the live part come from the e-seals' positions.
  const telemetryFrom = Date.now() - TELEMETRY_HISTORY_HOURS * 3_600_000;
  const { events, telemetry, end } = simulate({
    shipments: demo.shipments,
    days: demo.days * 2,
    seed: demo.seed,
    start: new Date(demo.start),
    telemetry: { from: new Date(telemetryFrom), deriveBorderEvents: true },
  });
  const capture = async (batch: EpcisEvent[]) => {
    const doc = { namespaces: {}, type: 'EPCISDocument' as const, schemaVersion: '2.0', creationDate: new Date().toISOString(), events: batch };
    return runtime.capture.captureDocument(doc, { binding: 'json', errorBehaviour: 'proceed' });
  };

  // History: everything up to now, at once.
  const startedAt = Date.now();
  let next = 0;
  let historyCaptured = 0;
  while (next < events.length && Date.parse(events[next]!.eventTime) <= startedAt) {
    const batch: EpcisEvent[] = [];
    while (batch.length < DOCUMENT_SIZE && next < events.length && Date.parse(events[next]!.eventTime) <= startedAt) batch.push(events[next++]!);
    historyCaptured += (await capture(batch)).captured;
  }
  log(`demo: ${demo.shipments} simulated shipments since ${demo.start}; ${historyCaptured} events captured as history, ${events.length - next} to come live`);

  // Telemetry: the e-seals, their attachments, and the last hours of readings, once the read model
  // knows the shipments they belong to.
  let player: DemoTelemetryPlayer | undefined;
  if (telemetry) {
    const devices = await seedDemoDevices(runtime, telemetry, startedAt);
    await runtime.followers.caughtUp().catch(() => {});
    player = await demoTelemetryPlayer(runtime, telemetry, telemetryFrom, end.getTime());
    await player.playUntil(startedAt);
    log(`demo: ${telemetry.devices.length} e-seals (${devices} new) report positions; border arrivals and crossings now come from them`);
  }

  // Live: simulated time runs `speed` times faster than the clock from now on.
  const simNow = () => startedAt + (Date.now() - startedAt) * settings.speed;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      const due: EpcisEvent[] = [];
      const now = simNow();
      while (next < events.length && Date.parse(events[next]!.eventTime) <= now && due.length < DOCUMENT_SIZE) due.push(events[next++]!);
      if (due.length > 0) await capture(due);
      await player?.playUntil(now);
      if (stopped || (next >= events.length && !player)) return;
      // Readings come every few minutes per device, thousands of devices: look again within seconds.
      const wait = next < events.length ? (Date.parse(events[next]!.eventTime) - simNow()) / settings.speed : 60_000;
      timer = setTimeout(tick, Math.min(Math.max(wait, 50), player ? 5_000 : 60_000));
    })().catch((error: unknown) => runtime.logger.error({ err: error, context: 'demo' }, 'demo: live playback stopped'));
  };
  tick();
  return {
    historyCaptured,
    livePending: () => events.length - next,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await player?.close();
    },
  };
}
