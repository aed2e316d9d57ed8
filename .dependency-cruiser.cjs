/**
 * The layers of crosswire (docs/ARCHITECTURE.md, "Layers"), checked by `npm run lint:deps`.
 *
 *   core <- wire <- formats <- validate <- pairs <- translate <- media <- gateway <- gateway/node <- cli
 *
 * A layer imports only layers to its left. `conformance/` sits beside `cli` on top: it may import any src
 * layer except cli, and neither imports the other (bin/crosswire.mjs registers conformance's commands with
 * the CLI). Tests (`*.test.ts`, `*.test-d.ts`) and `test/` are above everything; `test/support` is imported
 * by tests only. `src/index.ts` is the library's root (it exports the library layers, not gateway or cli).
 */
const LAYERS = ['core', 'wire', 'formats', 'validate', 'pairs', 'translate', 'media', 'gateway', 'gateway/node', 'cli'];
const TEST = '\\.test\\.ts$|\\.test-d\\.ts$';
const esc = (s) => s.replace(/\//g, '\\/');

const layerRules = LAYERS.map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  const from = { path: `^src/${esc(layer)}/`, pathNot: [TEST] };
  // gateway (web) is the folder without gateway/node
  if (layer === 'gateway') from.pathNot.push('^src/gateway/node/');
  const to = above.length
    ? { path: [`^src/(${above.map(esc).join('|')})/`, '^src/index\\.ts$'] }
    : { path: '^src/index\\.ts$' };
  return {
    name: `layer-${layer.replace('/', '-')}`,
    comment: `src/${layer} imports only the layers below it (${LAYERS.slice(0, i).join(', ') || 'nothing else in src'})`,
    severity: 'error',
    from,
    to,
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'index-is-the-library-root',
      comment: 'src/index.ts exports the library layers; gateway and cli have their own entries',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/(gateway|cli)/' },
    },
    {
      name: 'no-pair-to-pair',
      comment: 'a pair folder imports no other pair: shared logic lives in core or in the format that owns the fact',
      severity: 'error',
      from: { path: '^src/pairs/([^/]+)/' },
      to: { path: '^src/pairs/', pathNot: ['^src/pairs/$1/', '^src/pairs/pair\\.ts$'] },
    },
    {
      name: 'src-not-to-conformance-or-test',
      comment: 'the library never imports conformance/ or test/ (only its tests may)',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST] },
      to: { path: '^(conformance|test)/' },
    },
    {
      name: 'conformance-beside-cli',
      comment: 'conformance/ may import any src layer except cli, and no test support',
      severity: 'error',
      from: { path: '^conformance/', pathNot: [TEST] },
      to: { path: ['^src/cli/', '^test/'] },
    },
    {
      name: 'test-support-for-tests-only',
      comment: 'test/support is imported by tests only',
      severity: 'error',
      from: { pathNot: [TEST, '^test/'] },
      to: { path: '^test/' },
    },
    {
      name: 'no-dev-deps-in-src',
      comment: 'the library runs without devDependencies: src (tests aside) never imports one',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST] },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'package-runs-without-dev-deps',
      comment:
        'crosswire/conformance and the CLI run from the installed package: no devDependency (fast-check only in the ' +
        'arbitraries and properties the tests use; msw only behind conformance/msw.ts, an optional peer; tsx only ' +
        'in bin/crosswire.mjs when it runs a checkout)',
      severity: 'error',
      from: {
        path: '^(conformance|bin)/',
        pathNot: [
          TEST,
          '^conformance/(arbitraries|properties|mutants)/',
          '^conformance/mocks/adapters/to-msw-handlers\\.ts$',
          '^bin/crosswire\\.mjs$',
        ],
      },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'web-standard-library',
      comment:
        'the library is web-standard: no Node built-in modules outside its Node entries (gateway/node, media/node.ts, cli)',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, '^src/gateway/node/', '^src/media/node\\.ts$', '^src/cli/'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'zod-behind-validate',
      comment: 'src/validate is the only src layer that loads zod (directly or through generated validators)',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, '^src/validate/'] },
      to: { path: ['^node_modules/zod/', '^generated/[^/]+/zod\\.gen\\.ts$'] },
    },
    {
      name: 'no-cycles',
      comment: 'no import cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // the consumer test's app and stand-in package import crosswire as an installed package: checked by that test
    exclude: { path: '^(node_modules|generated/.*/(types|paths)\\.gen\\.ts|test/consumer/(app|stand-in|tools)/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // `import 'crosswire'` inside the repository resolves to the sources, as in tsconfig.json and vitest.config.ts
      conditionNames: ['crosswire:source', 'import', 'require', 'node', 'default', 'types'],
    },
  },
};
