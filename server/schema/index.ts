export * from './limits.js';
export * from './errors.js';
export * from './comment.js';
export * from './thread.js';
export * from './thread-url.js';
export * from './counts.js';
