export * from './types.js';
export * from './working-calendar.js';
export * from './amendments.js';
export * from './years/index.js';
export { addDays, dayNumber, formatDay } from './dates.js';
