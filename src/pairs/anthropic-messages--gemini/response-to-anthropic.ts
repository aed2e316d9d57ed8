import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { GeminiPartsConverter, MessageContentSink } from './convert-gemini-parts-to-anthropic.js';
import { geminiFinishReasonToAnthropic } from './map-finish-reason.js';
import { type Grounding, groundContent, readGrounding } from './map-grounding-to-anthropic.js';
import { clientToolName } from './map-tool-names.js';
import { type AnthropicUsageOut, geminiUsageToAnthropic } from './map-usage.js';

export interface AnthropicMessageOut {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<Record<string, unknown>>;
  stop_reason: string;
  stop_sequence: null;
  stop_details: { type: 'refusal'; category: null; explanation: string | null } | null;
  usage: AnthropicUsageOut & { server_tool_use?: { web_search_requests: number } };
}

/** Top-level response keys that are read, or are breakdowns of what is read. */
const RESPONSE_KEYS = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId', 'promptFeedback']);
/** Candidate keys that are read (answers and stream chunks alike). */
export const CANDIDATE_KEYS: ReadonlySet<string> = new Set([
  'content',
  'finishReason',
  'index',
  'finishMessage',
  'groundingMetadata',
  'urlContextMetadata',
]);
/** `urlContextMetadata` lists the URLs fetched and their status: Claude's web fetch result needs the page itself */
export const URL_CONTEXT_LOSS = 'fetched URLs and their status have no Anthropic block';
const CONTENT_KEYS = new Set(['role', 'parts']);
const USAGE_KEYS = new Set([
  'promptTokenCount',
  'candidatesTokenCount',
  'totalTokenCount',
  'cachedContentTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
  'promptTokensDetails',
  'candidatesTokensDetails',
  'cacheTokensDetails',
  'toolUsePromptTokensDetails',
  'trafficType',
]);

/** The Anthropic message id for a Gemini response: `options.id`, else derived from `responseId`. */
export function anthropicMessageId(options: TranslateOptions, responseId: unknown): string {
  if (options.id) return options.id;
  return typeof responseId === 'string' && responseId !== ''
    ? `msg_${responseId.replace(/[^A-Za-z0-9_-]/g, '_')}`
    : 'msg_gemini';
}

export function anthropicModelName(options: TranslateOptions, modelVersion: unknown): string {
  return options.model ?? options.context?.clientModel ?? (typeof modelVersion === 'string' ? modelVersion : 'gemini');
}

/** Gemini `GenerateContentResponse` -> Anthropic `Message` (docs/wire-formats.md#gemini-response, docs/wire-formats.md#anthropic-response, docs/wire-formats.md#cross-walk-stop-reasons). */
export function geminiResponseToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<AnthropicMessageOut> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  const losses = new LossCollector(options.strict);
  losses.unknownKeys(body, RESPONSE_KEYS, '');
  if (isRecord(body.usageMetadata)) losses.unknownKeys(body.usageMetadata, USAGE_KEYS, 'usageMetadata');

  const sink = new MessageContentSink();
  const scope = typeof body.responseId === 'string' ? body.responseId : undefined;
  const parts = new GeminiPartsConverter(sink, losses, scope);
  let stopReason: string = 'end_turn';
  let explanation: string | null = null;
  let grounding: Grounding | undefined;
  const candidates = body.candidates;
  if (Array.isArray(candidates) && candidates.length > 0) {
    const c = candidates[0];
    if (!isRecord(c))
      throw new TranslationError('invalid_input', 'a candidate must be an object', { path: 'candidates[0]' });
    readCandidate(c, parts, losses);
    parts.finish();
    if (isRecord(c.groundingMetadata))
      grounding = readGrounding(c.groundingMetadata, 'candidates[0].groundingMetadata', losses);
    const mapped = geminiFinishReasonToAnthropic(c.finishReason, parts.hasFunctionCalls);
    if (mapped.loss) losses.add('candidates[0].finishReason', mapped.loss);
    stopReason = mapped.stopReason;
    if (typeof c.finishMessage === 'string') {
      if (stopReason === 'refusal') explanation = c.finishMessage;
      else losses.add('candidates[0].finishMessage', 'Anthropic carries an explanation only for refusals');
    }
    for (let i = 1; i < candidates.length; i++) losses.add(`candidates[${i}]`, 'Anthropic returns one candidate');
  } else if (candidates !== undefined && !Array.isArray(candidates)) {
    throw new TranslationError('invalid_input', 'candidates must be a list', { path: 'candidates' });
  }
  // tool names rewritten for Gemini by the request translation go back to the client's names
  const toolNames = options.context?.toolNames;
  if (toolNames)
    for (const b of sink.content)
      if (b.type === 'tool_use' && typeof b.name === 'string') b.name = clientToolName(b.name, toolNames);
  const feedback = readPromptFeedback(body.promptFeedback, losses);
  if (feedback.blocked) {
    stopReason = 'refusal';
    explanation = feedback.message;
  }

  const out: AnthropicMessageOut = {
    id: anthropicMessageId(options, body.responseId),
    type: 'message',
    role: 'assistant',
    model: anthropicModelName(options, body.modelVersion),
    content: grounding ? groundContent(sink.content, grounding, scope) : sink.content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: stopReason === 'refusal' ? { type: 'refusal', category: null, explanation } : null,
    usage: groundedUsage(geminiUsageToAnthropic(body.usageMetadata), grounding),
  };
  return { body: out, losses: losses.list, context: options.context ?? {} };
}

/** `usage.server_tool_use.web_search_requests`: one request per search query of the grounding. */
export function groundedUsage(
  usage: AnthropicUsageOut,
  grounding: Grounding | undefined,
): AnthropicMessageOut['usage'] {
  return grounding && grounding.queries.length > 0
    ? { ...usage, server_tool_use: { web_search_requests: grounding.queries.length } }
    : usage;
}

function readCandidate(c: JsonObject, parts: GeminiPartsConverter, losses: LossCollector): void {
  losses.unknownKeys(c, CANDIDATE_KEYS, 'candidates[0]');
  if (c.urlContextMetadata !== undefined) losses.add('candidates[0].urlContextMetadata', URL_CONTEXT_LOSS);
  if (c.content === undefined) return;
  if (!isRecord(c.content))
    throw new TranslationError('invalid_input', 'content must be an object', { path: 'candidates[0].content' });
  losses.unknownKeys(c.content, CONTENT_KEYS, 'candidates[0].content');
  parts.push(c.content.parts, 'candidates[0].content.parts');
}

/** `promptFeedback.blockReason` set: the prompt was refused and there are no candidates. */
export function readPromptFeedback(
  feedback: unknown,
  losses: LossCollector,
): { blocked: boolean; message: string | null } {
  if (!isRecord(feedback)) return { blocked: false, message: null };
  losses.unknownKeys(feedback, FEEDBACK_KEYS, 'promptFeedback');
  if (typeof feedback.blockReason !== 'string' || feedback.blockReason === 'BLOCK_REASON_UNSPECIFIED')
    return { blocked: false, message: null };
  const message =
    typeof feedback.blockReasonMessage === 'string'
      ? feedback.blockReasonMessage
      : `prompt blocked: ${feedback.blockReason}`;
  return { blocked: true, message };
}

const FEEDBACK_KEYS = new Set(['blockReason', 'blockReasonMessage']);
