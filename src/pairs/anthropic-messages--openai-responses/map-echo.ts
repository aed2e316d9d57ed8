import type { JsonObject } from '../../core/narrow.js';
import type { RequestContext } from '../../core/options.js';
import { responsesContext } from './map-tool-names.js';

/**
 * The request settings a Responses response echoes, from the request translation's context (defaults when
 * there is none). Key order follows the API's own responses. `store` is always false: nothing is stored.
 */
export interface ResponseShellParts {
  id: string;
  createdAt: number;
  model: string;
  status: string;
  error: JsonObject | null;
  incompleteDetails: JsonObject | null;
  output: unknown[];
  usage: unknown;
  /** the tier the upstream says it used (Anthropic `usage.service_tier`), when known */
  serviceTier?: string;
}

export function responseShell(parts: ResponseShellParts, context: RequestContext | undefined): JsonObject {
  const echo = responsesContext(context).echo ?? {};
  const opt = (key: string, out: JsonObject): void => {
    if (echo[key] !== undefined) out[key] = echo[key];
  };
  const out: JsonObject = {
    id: parts.id,
    object: 'response',
    created_at: parts.createdAt,
    status: parts.status,
    error: parts.error,
    incomplete_details: parts.incompleteDetails,
    instructions: echo.instructions ?? null,
  };
  opt('max_output_tokens', out);
  opt('max_tool_calls', out);
  out.model = parts.model;
  out.output = parts.output;
  out.parallel_tool_calls = echo.parallel_tool_calls ?? true;
  opt('prompt_cache_key', out);
  opt('reasoning', out);
  opt('safety_identifier', out);
  if (parts.serviceTier !== undefined) out.service_tier = parts.serviceTier;
  out.store = false;
  out.temperature = echo.temperature ?? null;
  opt('text', out);
  out.tool_choice = echo.tool_choice ?? 'auto';
  out.tools = echo.tools ?? [];
  opt('top_logprobs', out);
  out.top_p = echo.top_p ?? null;
  opt('truncation', out);
  out.usage = parts.usage;
  opt('user', out);
  out.metadata = echo.metadata ?? {};
  return out;
}
