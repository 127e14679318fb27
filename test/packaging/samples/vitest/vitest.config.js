import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One cluster for the whole run; tests find it through CASSANOVA_* environment variables.
    globalSetup: ['cassanova-cluster/vitest'],
    // catalog.test.js puts the shared cluster back between its tests: one file at a time.
    fileParallelism: false,
  },
});
