// Stand-in (consumer-test fixture): a web-standard gateway that answers with the translated request.
import { translateRequest } from './index.js';

export function createGateway() {
  return {
    async fetch(request) {
      const body = await request.json();
      return Response.json(translateRequest('openai-chat', 'anthropic-messages', body).body);
    },
  };
}
