// A Workers-style module: POST the scenario's inputs, get the translations back.
import { translateRequest, translateResponse, translateStream } from 'crosswire';
import { runScenario } from './scenario.mjs';

export default {
  async fetch(request) {
    if (request.method !== 'POST') return new Response('POST the scenario inputs as JSON', { status: 405 });
    const inputs = await request.json();
    try {
      return Response.json(await runScenario({ translateRequest, translateResponse, translateStream }, inputs));
    } catch (error) {
      return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), { status: 500 });
    }
  },
};
