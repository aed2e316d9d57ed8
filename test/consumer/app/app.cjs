// The same script from CommonJS: `require('crosswire')` (Node's require(esm) for an ESM-only package).
const { translateRequest, translateResponse, translateStream } = require('crosswire');

import('./scenario.mjs')
  .then(({ runScenario }) => runScenario({ translateRequest, translateResponse, translateStream }))
  .then((result) => console.log(JSON.stringify(result)));
