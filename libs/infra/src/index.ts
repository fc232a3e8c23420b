export * from './paths.js';
export * from './process.js';
export * from './embedded-kafka.js';
export * from './embedded-postgres.js';
export * from './node-process.js';
export * from './secrets.js';
export * from './kafka-users.js';
export * from './provision.js';
