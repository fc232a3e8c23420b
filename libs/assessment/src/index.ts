export * from './report.types.js';
export * from './facts.js';
export * from './figures.js';
export * from './scoring.js';
export * from './report.js';
export * from './draw.js';
export * from './testing/draw-candidates.factory.js';
