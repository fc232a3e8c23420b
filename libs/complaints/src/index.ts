export * from './complaint-number.js';
export * from './complaint-routing.js';
