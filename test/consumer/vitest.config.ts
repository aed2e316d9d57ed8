import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The consumer test's own vitest run (`npm run test:consumer`): not part of `npm test`, because it packs the
// repository, installs the tarball and its pinned tools, and starts a dozen runtimes (about a minute, more on the
// first run). Its checks run one after another: several are timings.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/consumer/consumer.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    // the first check to run waits for the tools' install (first use) and for `npm pack` + `npm install`
    testTimeout: 900_000,
    hookTimeout: 120_000,
    typecheck: { enabled: false },
  },
});
