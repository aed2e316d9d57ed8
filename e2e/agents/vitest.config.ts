import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The agents' own vitest run (`npm run e2e:agents:vitest`, in CI's agents step): not part of `npm test`, because
// its tests start the real coding agents, which install on first use (about 900 MB into e2e/agents/node_modules).
export default defineConfig({
  ssr: { resolve: { conditions: ['crosswire:source', 'node', 'development|production'] } },
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['e2e/agents/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
    typecheck: { enabled: false },
  },
});
