export * from './errors.js';
export * from './resident-id.js';
