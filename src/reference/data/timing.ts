import type { TimingFact } from '../types.js';

const CAREC = 'CAREC Corridor Performance Measurement and Monitoring (CPMM), 2022';
const ADY = 'ADY (Azerbaijan Railways) via caspiannews, 2024-10-10';

// Inputs for the simulator and the ETA fallback when a shipment has no history to learn from.
export const TIMING_FACTS: readonly TimingFact[] = [
  { id: 'border-dwell-road', description: 'Average time to cross a border by road, CAREC region, 2022 (2021: 13.6 h)', unit: 'h', value: 9.9, mode: 'road', source: CAREC, rough: false },
  { id: 'border-dwell-rail', description: 'Average time to cross a border by rail, CAREC region, 2022 (2021: 51.9 h)', unit: 'h', value: 40.6, mode: 'rail', source: CAREC, rough: false },
  { id: 'speed-road', description: 'Road speed without delay, CAREC region', unit: 'km/h', value: 42, mode: 'road', source: CAREC, rough: false },
  { id: 'speed-rail', description: 'Rail speed without delay, CAREC region', unit: 'km/h', value: 53.9, mode: 'rail', source: CAREC, rough: false },
  { id: 'ferry-at-sea', description: 'Caspian ferry crossing, time at sea', unit: 'd', value: 1, mode: 'sea', source: 'Karvon corridor notes', rough: true },
  {
    id: 'ferry-waiting', description: 'Waiting for an unscheduled Caspian ferry (value: midpoint of the range, Karvon\'s choice)',
    unit: 'd', value: 4.5, min: 2, max: 7, mode: 'sea', source: 'Karvon corridor notes', rough: true,
  },
  { id: 'block-train-china-azerbaijan', description: 'Block train China → Azerbaijan', unit: 'd', value: 9, min: 8, max: 10, mode: 'rail', source: ADY, rough: false },
  { id: 'block-train-china-georgia', description: 'Block train China → Georgian ports (about)', unit: 'd', value: 12, mode: 'rail', source: ADY, rough: false },
  { id: 'block-train-xian-azerbaijan', description: 'Block train Xi\'an → Azerbaijan', unit: 'd', value: 11, mode: 'rail', source: ADY, rough: false },
  { id: 'middle-corridor-china-europe', description: 'China → Europe over the Middle Corridor, average', unit: 'd', value: 22.5, min: 20, max: 25, source: 'trend.az 3867443', rough: false },
];
