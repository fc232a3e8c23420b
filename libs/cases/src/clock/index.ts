export * from './clock.js';
export * from './reading.js';
export * from './step.js';
