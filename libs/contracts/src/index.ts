import 'reflect-metadata';
export * from './envelope.js';
export * from './topics.js';
export * from './registry.js';
export * from './routing.js';
export * from './access.js';
export * from './events/index.js';
