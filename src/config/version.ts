/** Cassanova's own version (package.json's; a test keeps the two equal). */
export const CASSANOVA_VERSION = '0.1.0';
