export * from './request-encoder.js';
export * from './response-decoder.js';
