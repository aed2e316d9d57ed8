import { defineConfig } from 'vitest/config';

/**
 * Tests that start servers, spawn processes, drive the official SDKs or run the scenario catalog: each file in its
 * own process (forks), isolated, as before the split. Everything else (translators, codecs, checkers,
 * arbitraries, properties) is a unit test.
 */
const INTEGRATION = [
  'src/gateway/**/*.test.ts',
  'src/cli/**/*.test.ts',
  'conformance/cli/**/*.test.ts',
  'conformance/mocks/**/*.test.ts',
  'conformance/runner/**/*.test.ts',
  'conformance/scenarios/**/*.test.ts',
  'test/**/*.test.ts',
  'scripts/soak/**/*.test.ts',
  'scripts/spec-drift.test.ts',
  'scripts/lint-spec.test.ts',
  'e2e/agents/*.test.ts',
  'e2e/agents/script-server/*.test.ts',
  // unit folders whose tests feed bytes to the official SDKs
  'src/pairs/anthropic-messages--vertex-anthropic/vertex-anthropic.test.ts',
  'src/pairs/anthropic-messages--bedrock-invoke/bedrock-invoke.test.ts',
  'src/pairs/anthropic-messages--bedrock-converse/bedrock-converse.test.ts',
  'src/pairs/anthropic-messages--gemini/official-clients.test.ts',
  'src/translate/recorded-streams.test.ts',
];

/**
 * `import 'crosswire'` (and its subpaths) inside the repository resolves to the TypeScript sources: the package's
 * "exports" list them under this condition first, then the built files. The rest are Vite's server defaults without
 * `module`, which would send packages loaded by Node itself to ESM builds Node cannot load (@smithy/core's dist-es).
 */
const CONDITIONS = ['crosswire:source', 'node', 'development|production'];

export default defineConfig({
  ssr: { resolve: { conditions: CONDITIONS } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'conformance/**/*.test.ts'],
          exclude: INTEGRATION,
          // pure, in-memory tests: worker threads sharing one module graph per worker (no re-import per file)
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          // compile-time conformance to the official SDK types (test/sdk-types/*.test-d.ts); type errors elsewhere
          // are `npm run typecheck`'s job
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/sdk-types/**/*.test-d.ts'],
            ignoreSourceErrors: true,
          },
        },
      },
    ],
  },
});
