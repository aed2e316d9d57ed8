import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { statusForAnthropicErrorType } from '../../formats/anthropic-messages/errors.js';
import { reportMessageDeltaExtras } from '../../formats/anthropic-messages/stream-extras.js';
import { geminiErrorBody } from '../../formats/gemini/errors.js';
import { JsonTextToPartialArgs, type PartialArg } from '../../formats/gemini/partial-args.js';
import type {
  GeminiCandidate,
  GeminiErrorBody,
  GeminiFunctionCall,
  GeminiFunctionCallPiece,
  GeminiResponsePart as GeminiPart,
  GeminiResponse,
} from '../../formats/gemini/types.js';
import { anthropicStopReasonToGemini } from './map-finish-reason.js';
import { GeminiGroundingBuilder } from './map-grounding-to-gemini.js';
import { thoughtSignatureFor } from './map-thought-signature.js';
import { anthropicUsageToGemini } from './map-usage.js';
import { GEMINI_STREAMED_ARGUMENTS } from './request-to-anthropic.js';

export type GeminiStreamEvent = GeminiResponse | GeminiErrorBody;

interface OpenBlock {
  type: string;
  id?: string;
  name?: string;
  json: string;
  thinking: boolean;
  /** a thinking or text block's text so far: a thoughtSignature carries a thought (map-thought-signature.ts), a
   * grounding support a cited text */
  text: string;
  /** a text block's citations (`citations_delta`) */
  citations?: unknown[];
  signature?: string;
  /** a tool_use `input` already given in content_block_start (used when no input_json_delta follows) */
  input?: JsonObject;
  /** streamed arguments: the tool input's JSON text turned into `partialArgs` as it comes */
  partial?: JsonTextToPartialArgs;
}

/**
 * Anthropic stream events -> `streamGenerateContent?alt=sse` chunks. Text and thinking deltas are
 * sent as they come (one part per chunk); a tool_use block is sent whole as one `functionCall`
 * when it stops. A thinking block's signature, carrying its text (`thoughtSignatureFor`; a redacted_thinking
 * block's data likewise), goes where Gemini puts it: on the first functionCall
 * after it, else (as Gemini's own streams do) on an empty text part in the last chunk, or before the
 * next thinking block; an empty thought part when nothing followed the thought. The
 * last chunk carries `finishReason` and `usageMetadata`, and content (that signature, else an empty text
 * part) as Gemini's last chunk does. An `error` event becomes a
 * `{"error":{code,message,status}}` chunk; a stream without `message_stop` ends with one too.
 *
 * A client that asked for streamed function-call arguments (`context.geminiStreamFunctionCallArguments`,
 * docs/wire-formats.md#gemini-stream) gets each tool_use block as it streams: a `functionCall {name,
 * willContinue: true}` part when the block starts (signed as the whole call would be), a `partialArgs` part per
 * `input_json_delta` that completes values, and an empty `functionCall {}` part ending the call. An empty object
 * or list in the input has no partial-argument form: a reported loss.
 *
 * Web search (`server_tool_use` named `web_search`, `web_search_tool_result`, `citations_delta` on text blocks) is
 * gathered as the blocks stop and sent as the last chunk's `groundingMetadata`, as the whole response has it
 * (`GeminiGroundingBuilder`); Gemini streams its grounding with the last chunks too.
 */
export function createAnthropicToGeminiStream(
  options: TranslateOptions = {},
): StreamTranslator<unknown, GeminiStreamEvent> {
  const losses = new LossCollector(options.strict);
  const streamArguments = options.context?.[GEMINI_STREAMED_ARGUMENTS] === true;
  const blocks = new Map<number, OpenBlock>();
  const grounding = new GeminiGroundingBuilder(losses);
  let responseId = options.id ?? '';
  let modelVersion = options.model ?? options.context?.clientModel ?? '';
  let usage: JsonObject = {};
  let stopReason: unknown;
  let explanation: string | undefined;
  let done = false;
  /** the signature of the last thinking block, until a part after it takes it */
  let held: { signature: string; after: boolean } | undefined;

  /** The part that carries a held signature no functionCall took. */
  const heldPart = (): GeminiPart[] => {
    if (!held) return [];
    const part: GeminiPart = held.after
      ? { text: '', thoughtSignature: held.signature }
      : { text: '', thought: true, thoughtSignature: held.signature };
    held = undefined;
    return [part];
  };

  const chunk = (part: GeminiPart): GeminiResponse => ({
    candidates: [{ content: { role: 'model', parts: [part] }, index: 0 }],
    modelVersion,
    responseId,
  });

  const mergeUsage = (u: unknown): void => {
    if (!isRecord(u)) return;
    const next = { ...usage };
    for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) next[k] = v;
    usage = next;
  };

  const push = (event: unknown): GeminiStreamEvent[] => {
    if (done) return [];
    if (!isRecord(event)) throw new TranslationError('upstream', 'an Anthropic stream event must be a JSON object');
    switch (event.type) {
      case 'message_start': {
        const m = isRecord(event.message) ? event.message : {};
        if (!options.id && typeof m.id === 'string') responseId = m.id;
        if (!modelVersion && typeof m.model === 'string') modelVersion = m.model;
        mergeUsage(m.usage);
        return [];
      }
      case 'content_block_start': {
        const b = isRecord(event.content_block) ? event.content_block : {};
        const index = typeof event.index === 'number' ? event.index : -1;
        const type = typeof b.type === 'string' ? b.type : '';
        if (type === 'redacted_thinking' && typeof b.data === 'string' && b.data !== '') {
          const before = heldPart();
          held = { signature: thoughtSignatureFor({ type: 'redacted_thinking', data: b.data }), after: false };
          blocks.set(index, { type, json: '', text: '', thinking: false });
          return before.map(chunk);
        }
        if (type === 'web_search_tool_result') {
          grounding.serverBlock(b, `content[${index}]`);
          return [];
        }
        if (type !== 'text' && type !== 'thinking' && type !== 'tool_use' && !isWebSearch(b)) {
          losses.add(`content[${index}]`, `${JSON.stringify(type)} blocks have no Gemini equivalent`);
        }
        const open: OpenBlock = { type, json: '', text: '', thinking: type === 'thinking' };
        if (typeof b.id === 'string') open.id = b.id;
        if (typeof b.name === 'string') open.name = b.name;
        if ((type === 'tool_use' || type === 'server_tool_use') && isRecord(b.input) && Object.keys(b.input).length > 0)
          open.input = b.input;
        blocks.set(index, open);
        if (type === 'tool_use' && streamArguments) return [chunk(startCall(open))];
        if (type === 'thinking') return heldPart().map(chunk);
        if (type === 'text' && Array.isArray(b.citations) && b.citations.length > 0)
          open.citations = b.citations.slice();
        if (type === 'text' && typeof b.text === 'string' && b.text !== '') {
          if (held) held.after = true;
          open.text = b.text;
          return [chunk({ text: b.text })];
        }
        return [];
      }
      case 'content_block_delta':
        return delta(event);
      case 'content_block_stop': {
        const index = typeof event.index === 'number' ? event.index : -1;
        const b = blocks.get(index);
        blocks.delete(index);
        if (!b) return [];
        if (b.type === 'text') grounding.text(b.text, b.citations, `content[${index}].citations`);
        if (b.type === 'server_tool_use' && b.name === 'web_search')
          grounding.serverBlock(
            {
              type: 'server_tool_use',
              name: 'web_search',
              input: b.json.trim() === '' ? (b.input ?? {}) : parseInput(b.json),
            },
            `content[${index}]`,
          );
        if (b.type === 'tool_use' && b.partial) return endCall(b, index).map(chunk);
        if (b.type === 'tool_use') {
          const part: GeminiPart = { functionCall: toolCall(b, index) };
          if (held) part.thoughtSignature = held.signature;
          held = undefined;
          return [chunk(part)];
        }
        if (b.thinking && b.signature)
          held = {
            signature: thoughtSignatureFor({ type: 'thinking', thinking: b.text, signature: b.signature }),
            after: false,
          };
        return [];
      }
      case 'message_delta': {
        const d = isRecord(event.delta) ? event.delta : {};
        if (d.stop_reason !== undefined && d.stop_reason !== null) stopReason = d.stop_reason;
        if (isRecord(d.stop_details) && typeof d.stop_details.explanation === 'string')
          explanation = d.stop_details.explanation;
        mergeUsage(event.usage);
        reportMessageDeltaExtras(event, 'Gemini', (path, reason) => {
          // a count of web searches only is carried by webSearchQueries, as in the whole response
          if (path === 'usage.server_tool_use' && onlyWebSearches(event.usage)) return;
          if (!losses.list.some((l) => l.path === path)) losses.add(path, reason);
        });
        return [];
      }
      case 'message_stop': {
        done = true;
        const mapped = anthropicStopReasonToGemini(stopReason);
        if (mapped.loss) losses.add('message_delta.delta.stop_reason', mapped.loss);
        // never a chunk without content: @google/genai chats keep a streamed turn in their history only when
        // every chunk has content with parts (Gemini's own last chunk has some, often an empty text)
        const last = heldPart();
        const parts = last.length > 0 ? last : [{ text: '' }];
        const candidate: GeminiCandidate = {
          content: { role: 'model', parts },
          finishReason: mapped.finishReason,
          index: 0,
        };
        if (explanation !== undefined) candidate.finishMessage = explanation;
        const groundingMetadata = grounding.metadata();
        if (groundingMetadata) candidate.groundingMetadata = groundingMetadata;
        return [{ candidates: [candidate], usageMetadata: anthropicUsageToGemini(usage), modelVersion, responseId }];
      }
      case 'error': {
        done = true;
        const e = isRecord(event.error) ? event.error : {};
        const status = typeof e.type === 'string' ? statusForAnthropicErrorType(e.type) : 500;
        return [geminiErrorBody(status, typeof e.message === 'string' ? e.message : 'upstream error')];
      }
      default:
        // ping and event types added later are skipped, as Anthropic clients must do
        return [];
    }
  };

  const delta = (event: JsonObject): GeminiStreamEvent[] => {
    const index = typeof event.index === 'number' ? event.index : -1;
    const b = blocks.get(index);
    const d = isRecord(event.delta) ? event.delta : {};
    if (!b) throw new TranslationError('upstream', `content_block_delta for block ${index}, which is not open`);
    switch (d.type) {
      case 'text_delta':
        if (typeof d.text !== 'string' || d.text === '') return [];
        if (held) held.after = true;
        b.text += d.text;
        return [chunk({ text: d.text })];
      case 'thinking_delta':
        if (typeof d.thinking !== 'string' || d.thinking === '') return [];
        b.text += d.thinking;
        return [chunk({ text: d.thinking, thought: true })];
      case 'signature_delta':
        if (typeof d.signature === 'string') b.signature = d.signature;
        return [];
      case 'input_json_delta':
        if (typeof d.partial_json !== 'string') return [];
        b.json += d.partial_json;
        return b.partial ? partialPart(b.partial.push(d.partial_json), true).map(chunk) : [];
      case 'citations_delta':
        if (b.citations) b.citations.push(d.citation);
        else b.citations = [d.citation];
        return [];
      default:
        return [];
    }
  };

  const toolCall = (b: OpenBlock, index: number): GeminiFunctionCall => {
    let args: unknown = b.input ?? {};
    if (b.json.trim() !== '') {
      try {
        args = JSON.parse(b.json);
      } catch {
        throw new TranslationError('upstream', `tool_use block ${index} streamed invalid JSON input`);
      }
    }
    if (!isRecord(args)) throw new TranslationError('upstream', `tool_use block ${index} input is not an object`);
    const call: GeminiFunctionCall = { name: b.name ?? '', args };
    if (b.id) call.id = b.id;
    return call;
  };

  /** The first part of a streamed call: its name, and the signature the whole call would carry. */
  const startCall = (b: OpenBlock): GeminiPart => {
    b.partial = new JsonTextToPartialArgs();
    const call: GeminiFunctionCallPiece = { name: b.name ?? '', willContinue: true };
    if (b.id) call.id = b.id;
    const part: GeminiPart = { functionCall: call };
    if (held) part.thoughtSignature = held.signature;
    held = undefined;
    return part;
  };

  const partialPart = (args: PartialArg[], more: boolean): GeminiPart[] =>
    args.length === 0
      ? []
      : [{ functionCall: more ? { partialArgs: args, willContinue: true } : { partialArgs: args } }];

  /** The rest of a streamed call's arguments (an input given whole in the block start), then its last part. */
  const endCall = (b: OpenBlock, index: number): GeminiPart[] => {
    const partial = b.partial!;
    try {
      const rest = b.json.trim() === '' ? partial.push(JSON.stringify(b.input ?? {})) : [];
      const parts = partialPart([...rest, ...partial.end()], true);
      for (const path of partial.emptyContainers)
        losses.add(
          `content[${index}].input${path.slice(1)}`,
          'an empty object or list has no Gemini partialArgs form: the streamed arguments leave it out',
        );
      return [...parts, { functionCall: {} }];
    } catch {
      throw new TranslationError('upstream', `tool_use block ${index} streamed invalid JSON input`);
    }
  };

  /** a web search's input JSON; one that does not parse has no query (a loss where the search is read) */
  const parseInput = (json: string): unknown => {
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  };

  const end = (): GeminiStreamEvent[] => {
    if (done) return [];
    done = true;
    return [geminiErrorBody(500, 'the upstream stream ended before message_stop')];
  };

  return {
    push,
    end,
    get losses() {
      return losses.list;
    },
  };
}

function isWebSearch(block: JsonObject): boolean {
  return block.type === 'server_tool_use' && block.name === 'web_search';
}

/** `usage.server_tool_use` counts nothing but web searches (which `webSearchQueries` carries). */
function onlyWebSearches(usage: unknown): boolean {
  const counts = isRecord(usage) && isRecord(usage.server_tool_use) ? usage.server_tool_use : {};
  return Object.entries(counts).every(([k, v]) => k === 'web_search_requests' || v === 0 || v === null);
}
