export * from './labels.js';
export * from './ids.js';
export * from './nodes.js';
export * from './edges.js';
export * from './record.js';
export * from './constraints.js';
export * from './provinces.js';
