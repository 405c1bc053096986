/**
 * Every detector, in one list: read it to know what raises and clears alerts. Each is a pure
 * function of one stored event (alert-signal.ts); what the signals become is the follower's job.
 * Detectors that need time to pass or other data (border dwell against the corridor's statistics,
 * an ETA slipping, a unit not departed by its plan, an unplanned stop) are not here yet.
 */
import type { Detector } from '../alert-signal.js';
import { customsHold } from './customs-hold.js';
import { lowBattery } from './low-battery.js';
import { routeDeviation } from './route-deviation.js';
import { sealBreached } from './seal-breached.js';
import { sensorExcursion } from './sensor-excursion.js';
import { signalLost } from './signal-lost.js';

export const DETECTORS: readonly Detector[] = [sealBreached, routeDeviation, signalLost, lowBattery, customsHold, sensorExcursion];
