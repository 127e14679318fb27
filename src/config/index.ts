export * from './cluster-config.js';
export { CASSANOVA_VERSION } from './version.js';
