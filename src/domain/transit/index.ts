export * from './transit-types.js';
export * from './transit-transitions.js';
export * from './apply-transit-step.js';
