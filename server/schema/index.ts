export * from './comment.js';
export * from './counts.js';
export * from './errors.js';
export * from './likes.js';
export * from './limits.js';
export * from './mail.js';
export * from './thread.js';
export * from './thread-url.js';
