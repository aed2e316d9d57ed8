import { zMessageTokensCount } from '../../generated/anthropic-messages/zod.gen.js';
import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { validateResponse } from '../../src/validate/index.js';
import { zodIssuesToErrors } from '../../src/validate/zod-issues-to-errors.js';
import { checkAnthropicStream } from '../checkers/check-anthropic-stream.js';
import { checkConverseStream } from '../checkers/check-converse-stream.js';
import { checkGeminiStream } from '../checkers/check-gemini-stream.js';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { checkResponsesStream } from '../checkers/check-responses-stream.js';
import { errorsOnly, type Violation } from '../checkers/violation.js';
import { completeNullables } from '../meaning/schema-tidy.js';
import { schemaOf } from '../meaning/schemas.js';
import { carriesAnthropicEvents, decodeClientStream, expectErrorEnd } from './client-stream-events.js';
import type { ScenarioChecks } from './run-scenario.js';
import { upstreamRequestProblems } from './upstream-request-rules.js';

/** Did a Gemini request ask for streamed function-call arguments (docs/wire-formats.md#gemini-request)? */
export function asksForStreamedArguments(request: unknown): boolean {
  if (!isRecord(request)) return false;
  const tc = request.toolConfig ?? request.tool_config;
  const fcc = isRecord(tc) ? (tc.functionCallingConfig ?? tc.function_calling_config) : undefined;
  return isRecord(fcc) && (fcc.streamFunctionCallArguments ?? fcc.stream_function_call_arguments) === true;
}

/**
 * The grammar checker of a client format, applied to decoded events; `clientRequest` (when known) says what the
 * client asked for.
 */
export function checkClientStream(
  format: FormatId,
  events: readonly unknown[],
  upstream?: FormatId,
  clientRequest?: unknown,
): Violation[] {
  // reasoning from an OpenAI-format upstream carries no signature (a Responses one only when it includes its
  // encrypted content), nor does a Gemini thought summary whose signature came on another part (or not at all);
  // crosswire never invents one
  const unsigned = upstream === 'openai-chat' || upstream === 'gemini' || upstream === 'openai-responses';
  if (carriesAnthropicEvents(format)) return checkAnthropicStream(events, { allowUnsignedThinking: unsigned });
  switch (format) {
    case 'openai-chat':
      return checkOpenAIChunks(events);
    case 'gemini':
      return checkGeminiStream(events, { streamedArguments: asksForStreamedArguments(clientRequest) });
    case 'openai-responses':
      return checkResponsesStream(events);
    case 'bedrock-converse':
      return checkConverseStream(events, { allowUnsignedReasoning: unsigned });
    default:
      return [];
  }
}

const issues = (r: { ok: boolean; errors: readonly { path: string; message: string }[] }) =>
  r.ok ? [] : r.errors.map((e) => `${e.path === '' ? '<root>' : e.path}: ${e.message}`);

/**
 * The checks the fixture runner applies: the strict mock's spec + provider rules on the upstream request,
 * spec validation of client responses, grammar checkers on client streams.
 */
export const defaultChecks: ScenarioChecks = {
  upstreamRequest: (format, body, scenario) =>
    upstreamRequestProblems(
      format,
      body,
      scenario?.meta.options?.anthropicVersion ?? scenario?.meta.anthropicVersion,
      scenario?.meta.endpoint,
    ),
  clientResponse(format, body, scenario, level) {
    if (scenario?.meta.endpoint === 'count_tokens' && format === 'anthropic-messages') {
      const r = zMessageTokensCount.safeParse(body);
      return r.success ? [] : issues({ ok: false, errors: zodIssuesToErrors(r.error.issues, body) });
    }
    // by meaning, an absent required-but-nullable field is read as null (as the official SDKs read it)
    return issues(
      validateResponse(format, level === 'meaning' ? completeNullables(schemaOf(format, 'response'), body) : body),
    );
  },
  async clientStream(format, bytes, expectError, upstream, clientRequest) {
    const { events, problems } = await decodeClientStream(format, bytes);
    const out = [
      ...problems,
      ...errorsOnly(checkClientStream(format, events, upstream, clientRequest)).map(
        (v) => `${v.rule} at event ${v.index}: ${v.message}`,
      ),
    ];
    if (expectError) out.push(...expectErrorEnd(format, events));
    return out;
  },
};
