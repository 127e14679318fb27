import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One cluster for the whole run; tests find it through CASSANOVA_* environment variables.
    globalSetup: ['cassanova-cluster/vitest'],
  },
});
