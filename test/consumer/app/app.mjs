// A user's first script: import the translators by name and translate.
import { translateRequest, translateResponse, translateStream } from 'crosswire';
import { runScenario } from './scenario.mjs';

console.log(JSON.stringify(await runScenario({ translateRequest, translateResponse, translateStream })));
