export * from './errors.js';
export * from './formats.js';
export * from './json-path.js';
export * from './losses.js';
export * from './options.js';
