import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'conformance/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
      'e2e/agents/*.test.ts',
      'e2e/agents/script-server/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Compile-time SDK conformance tests (test/sdk-types/*.test-d.ts); errors elsewhere are `npm run typecheck`'s job.
    typecheck: { enabled: true, include: ['test/sdk-types/**/*.test-d.ts'], ignoreSourceErrors: true },
  },
});
