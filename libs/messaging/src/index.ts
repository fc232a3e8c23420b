export * from './kafka-client.js';
export * from './topics-admin.js';
export * from './producer.js';
export * from './consumer.js';
export * from './access-admin.js';
export * from './read-to-end.js';
