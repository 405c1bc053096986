// The corridor simulator: realistic, deterministic EPCIS traffic over the reference corridors.
export { simulate, simulateCorridors, DEFAULT_SIMULATION_START, type SimulationResult } from './simulate.js';
export { runSimulation, SIM_DOCUMENT_SIZE, type PlaybackOptions, type SimulationProgress, type SimulationSummary } from './run-simulation.js';
export { DEFAULT_INCIDENT_RATES, type IncidentRates, type SimulationOptions, type SimShipment, type TelemetryOptions } from './sim-types.js';
export { DEFAULT_REPORTING_PERIOD_S, type SimAttachment, type SimDevice, type SimTelemetry } from './sim-telemetry.js';
export { SimRandom } from './prng.js';
export { runTelemetry, TELEMETRY_BATCH_SIZE, type TelemetryRunProgress, type TelemetryRunSummary } from './run-telemetry.js';
