/**
 * Every detector, in one list: read it to know what raises and clears alerts. Each is a pure
 * function of one stored event (alert-signal.ts); what the signals become is the follower's job.
 * A long border wait needs time to pass: a watch raises it (border-dwell-watch.ts), its detector here
 * only clears it. An ETA slipping, a unit not departed by its plan and an unplanned stop are not
 * built yet.
 */
import type { Detector } from '../alert-signal.js';
import { borderDwell } from './border-dwell.js';
import { customsHold } from './customs-hold.js';
import { lowBattery } from './low-battery.js';
import { routeDeviation } from './route-deviation.js';
import { sealBreached } from './seal-breached.js';
import { sensorExcursion } from './sensor-excursion.js';
import { signalLost } from './signal-lost.js';

export const DETECTORS: readonly Detector[] = [sealBreached, routeDeviation, signalLost, lowBattery, customsHold, sensorExcursion, borderDwell];
