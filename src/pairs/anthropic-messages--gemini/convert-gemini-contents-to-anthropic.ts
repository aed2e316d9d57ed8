import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { BLANK_TEXT_LOSS, isBlank, withoutBlankAnthropicText } from '../../formats/anthropic-messages/blank-text.js';
import { thinkingForThoughtSignature } from './map-thought-signature.js';
import { geminiToolUseId, toolUseIdForClientCallId } from './tool-use-ids.js';

type Block = Record<string, unknown>;

export interface AnthropicMessageParam {
  role: 'user' | 'assistant';
  content: Block[];
}

const PART_KEYS = new Set([
  'text',
  'thought',
  'thoughtSignature',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
]);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Gemini `contents` -> Anthropic `messages`.
 *
 * - Consecutive `thought` parts become one thinking block (signature from the parts).
 * - A `thoughtSignature` on a non-thought part (where crosswire's responses put an Anthropic thinking
 *   block's signature, as Gemini does: on the first functionCall after the thought, else on the last text
 *   part) is the signature of the thinking that part follows: of the unsigned thought run before it, or,
 *   with none, of an empty thinking block placed where that thinking was (before the parts that followed
 *   it; Anthropic wants thinking before the tool_use blocks of its turn).
 * - A signature crosswire made for a Gemini client carries its whole thinking block, which it rebuilds
 *   (`signBlock`), even when the client dropped the thought parts.
 * - A thought that gets no signature cannot be replayed to Anthropic and is a loss.
 * - Blank text (whitespace only), which Anthropic refuses, joins the text next to it, else is a loss.
 * - `functionCall` -> `tool_use` (Gemini's id, or a derived one); `functionResponse` -> `tool_result`
 *   whose id is the response's own id, else the oldest unanswered call of the same name.
 */
export function convertGeminiContents(contents: unknown, losses: LossCollector): AnthropicMessageParam[] {
  if (!Array.isArray(contents))
    throw new TranslationError('invalid_input', 'contents must be a list', { path: 'contents' });
  // consecutive contents of one role are one turn (a @google/genai chat records a streamed answer as one
  // model content per chunk): their parts are read together, so a signature finds its thought across them
  const turns: Array<{ role: 'user' | 'assistant'; parts: PartAt[] }> = [];
  for (let i = 0; i < contents.length; i++) {
    const content: unknown = contents[i];
    // paths are built only for an error or a loss (most requests have neither)
    if (!isRecord(content))
      throw new TranslationError('invalid_input', 'a content must be an object', { path: childPath('contents', i) });
    losses.unknownKeysAt(content, CONTENT_KEYS, 'contents', i);
    const role =
      content.role === 'model'
        ? 'assistant'
        : content.role === undefined || content.role === 'user' || content.role === 'function'
          ? 'user'
          : undefined;
    if (!role)
      throw new TranslationError('invalid_input', 'role must be user or model', {
        path: childPath(childPath('contents', i), 'role'),
      });
    const list = content.parts;
    if (!Array.isArray(list) || list.length === 0)
      throw new TranslationError('invalid_input', 'parts must be a non-empty list', {
        path: childPath(childPath('contents', i), 'parts'),
      });
    const last = turns[turns.length - 1];
    const parts = last && last.role === role ? last.parts : [];
    for (let j = 0; j < list.length; j++) parts.push({ part: list[j], content: i, index: j });
    if (parts !== last?.parts) turns.push({ role, parts });
  }
  const calls = new CallLedger();
  const messages: AnthropicMessageParam[] = [];
  // the part each blank text block came from (only blank text can be reported by withoutBlankAnthropicText)
  const origin = new Map<Block, PartAt>();
  for (const turn of turns) {
    const converted = convertGeminiParts(turn.parts, calls, losses, origin);
    // blank text, which Anthropic refuses, joins the text next to it or is a loss at its part's path
    const blocks = withoutBlankAnthropicText(converted, (i) => {
      const at = origin.get(converted[i]!);
      losses.add(at ? partPath(at) : '', BLANK_TEXT_LOSS);
    });
    if (blocks.length > 0) messages.push({ role: turn.role, content: blocks });
  }
  return messages;
}

/** A part and where it is: `contents[content].parts[index]` (the path is built only when needed). */
interface PartAt {
  part: unknown;
  content: number;
  index: number;
}

function partPath(at: PartAt): JsonPath {
  return childPath(childPath(childPath('contents', at.content), 'parts'), at.index);
}

/** `losses.unknownKeys` for an object of a part (`key` of it, or the part itself), the path built only for a loss. */
function unknownKeysOfPart(
  obj: JsonObject,
  known: ReadonlySet<string>,
  at: PartAt,
  key: string | undefined,
  losses: LossCollector,
): void {
  for (const k in obj) {
    if (!known.has(k) && Object.hasOwn(obj, k)) {
      const path = partPath(at);
      losses.unknownKeys(obj, known, key === undefined ? path : childPath(path, key));
      return;
    }
  }
}

const CONTENT_KEYS = new Set(['role', 'parts']);

/**
 * Pairs function responses with calls: by id when the call had one, else by name in call order. A call's id
 * becomes the `tool_use` id: an Anthropic id (`toolu_…`, which crosswire hands Gemini clients from Anthropic
 * responses) is kept as it is; any other id is carried in the `tool_use` id (`toolUseIdFromGeminiCallId`:
 * `toolu_gid_…`), so that the way back (Anthropic -> Gemini) sends it again in `functionCall.id` and
 * `functionResponse.id`; a call without an id gets a derived one (and its responses follow it).
 */
class CallLedger {
  #count = 0;
  readonly #pending = new Map<string, string[]>();
  /** client id -> Anthropic id, for calls that carried an id */
  readonly #byId = new Map<string, string>();

  call(name: string, id: unknown): string {
    const given = typeof id === 'string' && id !== '' ? id : undefined;
    const useId = given === undefined ? geminiToolUseId(this.#count, name) : toolUseIdForClientCallId(given);
    this.#count++;
    if (given !== undefined) this.#byId.set(given, useId);
    const queue = this.#pending.get(name);
    if (queue) queue.push(useId);
    else this.#pending.set(name, [useId]);
    return useId;
  }

  answer(name: string, id: unknown, at: PartAt): string {
    const queue = this.#pending.get(name);
    const known = typeof id === 'string' ? this.#byId.get(id) : undefined;
    if (known !== undefined) {
      const k = queue ? queue.indexOf(known) : -1;
      if (queue && k !== -1) queue.splice(k, 1);
      return known;
    }
    const next = queue?.shift();
    if (next !== undefined) return next;
    // an id the history does not show (the upstream will say whether it knows it)
    if (typeof id === 'string' && id !== '') return toolUseIdForClientCallId(id);
    throw new TranslationError('invalid_input', `functionResponse "${name}" answers no earlier functionCall`, {
      path: childPath(partPath(at), 'functionResponse'),
    });
  }
}

/** The state of one turn's parts being read (a plain object: no closures or `Set` made per turn). */
interface PartsState {
  readonly blocks: Block[];
  readonly losses: LossCollector;
  /** thinking blocks that never got a signature (left out), made when the first one is found */
  unsigned: Set<Block> | undefined;
  thought: { text: string; signature: string | undefined; at: PartAt } | undefined;
  /** where the parts after the last thinking begin */
  segmentStart: number;
  /** that thinking, when it still waits for its signature */
  waiting: { block: Block; at: PartAt } | undefined;
}

function dropWaiting(s: PartsState): void {
  if (!s.waiting) return;
  if (s.unsigned === undefined) s.unsigned = new Set();
  s.unsigned.add(s.waiting.block);
  s.losses.add(partPath(s.waiting.at), 'a thought without a thoughtSignature cannot be replayed to Anthropic');
  s.waiting = undefined;
}

function flushThought(s: PartsState): void {
  const thought = s.thought;
  if (!thought) return;
  const block: Block = { type: 'thinking', thinking: thought.text, signature: thought.signature ?? '' };
  if (thought.signature !== undefined) signBlock(block, thought.signature, thought.at, s.losses);
  s.blocks.push(block);
  if (thought.signature === undefined) s.waiting = { block, at: thought.at };
  s.segmentStart = s.blocks.length;
  s.thought = undefined;
}

function convertGeminiParts(
  parts: PartAt[],
  calls: CallLedger,
  losses: LossCollector,
  origin: Map<Block, PartAt>,
): Block[] {
  const s: PartsState = {
    blocks: [],
    losses,
    unsigned: undefined,
    thought: undefined,
    segmentStart: 0,
    waiting: undefined,
  };
  const blocks = s.blocks;
  for (const at of parts) {
    const part = at.part;
    if (!isRecord(part))
      throw new TranslationError('invalid_input', 'a part must be an object', { path: partPath(at) });
    unknownKeysOfPart(part, PART_KEYS, at, undefined, losses);
    const sig = signatureOf(part, at, losses);
    if (part.thought === true && typeof part.text === 'string') {
      if (!s.thought) {
        dropWaiting(s);
        s.thought = { text: '', signature: undefined, at };
      }
      s.thought.text += part.text;
      if (sig) s.thought.signature = sig;
      continue;
    }
    flushThought(s);
    convertPart(part, at, blocks, calls, losses, origin);
    if (!sig) continue;
    if (s.waiting) signBlock(s.waiting.block, sig, s.waiting.at, losses);
    else blocks.splice(s.segmentStart, 0, signBlock({ type: 'thinking', thinking: '' }, sig, at, losses));
    s.waiting = undefined;
    s.segmentStart = blocks.length;
  }
  flushThought(s);
  dropWaiting(s);
  const unsigned = s.unsigned;
  return unsigned === undefined ? blocks : blocks.filter((b) => !unsigned.has(b));
}

/**
 * Signs a thinking block with a part's `thoughtSignature`. One that crosswire made for a Gemini client
 * (`thinkingForThoughtSignature`) rebuilds the Anthropic block it came from, text and signature byte for byte (or a
 * redacted_thinking block), whether or not the client replayed the thought text; a text the client replayed that
 * differs from the signed one is reported. Any other signature (a real Gemini one) is the block's signature as it is.
 */
function signBlock(block: Block, sig: string, at: PartAt, losses: LossCollector): Block {
  const signed = thinkingForThoughtSignature(sig);
  if (!signed) {
    block.signature = sig;
    return block;
  }
  const text = typeof block.thinking === 'string' ? block.thinking : '';
  const replayed = signed.type === 'thinking' ? signed.thinking : '';
  if (text !== '' && text !== replayed)
    losses.add(
      partPath(at),
      'the replayed thought text differs from the thinking its signature carries: the signed text is sent',
    );
  for (const key of Object.keys(block)) delete block[key];
  return Object.assign(block, signed);
}

/**
 * Gemini's placeholder signatures (docs/wire-formats.md#gemini-thought-signatures): a client puts one on a call the
 * model did not sign (Gemini CLI does), to pass Gemini 3's check. They sign no thinking, so no thinking block is
 * made of them (Anthropic would refuse the signature); each is reported.
 */
const PLACEHOLDER_SIGNATURES = new Set(['skip_thought_signature_validator', 'context_engineering_is_the_way_to_go']);

/** A part's thought signature, or undefined (none, empty, or a placeholder: reported). */
function signatureOf(part: JsonObject, at: PartAt, losses: LossCollector): string | undefined {
  const sig = part.thoughtSignature;
  if (typeof sig !== 'string' || sig === '') return undefined;
  if (!PLACEHOLDER_SIGNATURES.has(sig)) return sig;
  losses.add(
    childPath(partPath(at), 'thoughtSignature'),
    `"${sig}" is a placeholder that signs no thinking: no thinking block is sent for it`,
  );
  return undefined;
}

function convertPart(
  part: JsonObject,
  at: PartAt,
  blocks: Block[],
  calls: CallLedger,
  losses: LossCollector,
  origin: Map<Block, PartAt>,
): void {
  if (typeof part.text === 'string') {
    if (part.text !== '') {
      const block = { type: 'text', text: part.text };
      if (isBlank(part.text)) origin.set(block, at);
      blocks.push(block);
    }
  } else if (isRecord(part.inlineData) || isRecord(part.fileData)) {
    const b = convertMedia(part, partPath(at), losses);
    if (b) blocks.push(b);
  } else if (isRecord(part.functionCall)) {
    const fc = part.functionCall;
    const fp = () => childPath(partPath(at), 'functionCall');
    if (typeof fc.name !== 'string')
      throw new TranslationError('invalid_input', 'functionCall needs a name', { path: childPath(fp(), 'name') });
    if (fc.args !== undefined && fc.args !== null && !isRecord(fc.args)) {
      throw new TranslationError('invalid_input', 'functionCall args must be an object', {
        path: childPath(fp(), 'args'),
      });
    }
    unknownKeysOfPart(fc, CALL_KEYS, at, 'functionCall', losses);
    blocks.push({
      type: 'tool_use',
      id: calls.call(fc.name, fc.id),
      name: fc.name,
      input: isRecord(fc.args) ? fc.args : {},
    });
  } else if (isRecord(part.functionResponse)) {
    blocks.push(convertFunctionResponse(part.functionResponse, at, calls, losses));
  } else {
    losses.add(partPath(at), 'this kind of Gemini part has no Anthropic equivalent');
  }
}

const CALL_KEYS = new Set(['id', 'name', 'args']);
const RESPONSE_KEYS = new Set(['id', 'name', 'response', 'parts']);

function convertFunctionResponse(fr: JsonObject, part: PartAt, calls: CallLedger, losses: LossCollector): Block {
  if (typeof fr.name !== 'string')
    throw new TranslationError('invalid_input', 'functionResponse needs a name', {
      path: childPath(childPath(partPath(part), 'functionResponse'), 'name'),
    });
  unknownKeysOfPart(fr, RESPONSE_KEYS, part, 'functionResponse', losses);
  const block: Block = { type: 'tool_result', tool_use_id: calls.answer(fr.name, fr.id, part) };
  const response = isRecord(fr.response) ? fr.response : {};
  // the response's own keys, counted without an array (one key named `error` or `output` is the common case)
  let only: string | undefined;
  let count = 0;
  for (const k in response) {
    if (!Object.hasOwn(response, k)) continue;
    if (count++ === 0) only = k;
  }
  let value: unknown;
  if (count === 1 && only === 'error') {
    block.is_error = true;
    value = response.error;
  } else if (count === 1 && only === 'output') {
    value = response.output;
  } else if (count > 0) {
    value = JSON.stringify(response);
  }
  const content: Block[] = [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    for (const v of value) content.push({ type: 'text', text: v });
  else if (value !== undefined)
    content.push({ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) });
  if (Array.isArray(fr.parts)) {
    const at = childPath(partPath(part), 'functionResponse');
    fr.parts.forEach((p, k) => {
      const pp = childPath(childPath(at, 'parts'), k);
      const b = isRecord(p) ? convertMedia(p, pp, losses) : undefined;
      if (b) content.push(b);
      else if (!isRecord(p)) losses.add(pp, 'a function response part must be an object');
    });
  }
  if (content.length === 1 && content[0]!.type === 'text' && fr.parts === undefined) block.content = content[0]!.text;
  else if (content.length > 0) block.content = content;
  return block;
}

function convertMedia(part: JsonObject, at: JsonPath, losses: LossCollector): Block | undefined {
  if (isRecord(part.inlineData)) {
    const d = part.inlineData;
    const mime = typeof d.mimeType === 'string' ? d.mimeType : '';
    if (typeof d.data !== 'string')
      throw new TranslationError('invalid_input', 'inlineData needs data', { path: childPath(at, 'inlineData') });
    if (IMAGE_TYPES.has(mime)) return { type: 'image', source: { type: 'base64', media_type: mime, data: d.data } };
    if (mime === 'application/pdf')
      return { type: 'document', source: { type: 'base64', media_type: mime, data: d.data } };
    if (mime === 'text/plain') {
      const text = decodeBase64Utf8(d.data);
      if (text !== undefined)
        return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } };
    }
    losses.add(childPath(at, 'inlineData'), `inline data of type ${JSON.stringify(mime)} has no Anthropic equivalent`);
    return undefined;
  }
  if (!isRecord(part.fileData)) {
    losses.add(at, 'only inlineData and fileData parts can be carried here');
    return undefined;
  }
  const f = part.fileData;
  const uri = typeof f.fileUri === 'string' ? f.fileUri : '';
  const mime = typeof f.mimeType === 'string' ? f.mimeType : undefined;
  if (GEMINI_FILES.test(uri)) {
    losses.add(childPath(at, 'fileData'), 'a file uploaded to the Gemini Files API cannot be read by Anthropic');
    return undefined;
  }
  if (/^https?:\/\//.test(uri)) {
    if (mime === 'application/pdf') return { type: 'document', source: { type: 'url', url: uri } };
    if (mime === undefined || mime.startsWith('image/')) return { type: 'image', source: { type: 'url', url: uri } };
  }
  losses.add(childPath(at, 'fileData'), 'only http(s) images and PDFs can be passed to Anthropic by URL');
  return undefined;
}

/** Gemini Files API URIs (`https://generativelanguage.googleapis.com/v1beta/files/...`): need the client's Google key. */
const GEMINI_FILES = /^https:\/\/generativelanguage\.googleapis\.com\//;

function decodeBase64Utf8(data: string): string | undefined {
  try {
    const bin = atob(data);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
