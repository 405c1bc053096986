// The corridor simulator: realistic, deterministic EPCIS traffic over the reference corridors.
export { simulate, simulateCorridors, DEFAULT_SIMULATION_START, type SimulationResult } from './simulate.js';
export { runSimulation, SIM_DOCUMENT_SIZE, type PlaybackOptions, type SimulationProgress, type SimulationSummary } from './run-simulation.js';
export { DEFAULT_INCIDENT_RATES, type IncidentRates, type SimulationOptions, type SimShipment } from './sim-types.js';
export { SimRandom } from './prng.js';
