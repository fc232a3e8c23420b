export * from './region-code.js';
export * from './topology.js';
export * from './node-env.js';
