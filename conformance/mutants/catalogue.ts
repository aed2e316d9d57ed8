import type { Mutant } from './mutant.js';

/**
 * Real-world translation bugs (seen in open-source LLM gateways) that the suite must catch. Each one is planted
 * in a copy of the tree by `run-mutants.ts`; anchors are exact text of the current source and
 * `catalogue.test.ts` fails as soon as one no longer matches, so the catalogue cannot rot in silence. Each lists a
 * deterministic test (a unit test beside the mutated file, or the scenarios) that kills it alone: only those decide
 * the verdict (property runs draw random cases; `catalogue.test.ts` checks that one is listed).
 */

const PAIR = 'src/pairs/anthropic-messages--openai-chat';
const GEMINI = 'src/pairs/anthropic-messages--gemini';
const CONVERSE = 'src/pairs/anthropic-messages--bedrock-converse';
const RESPONSES = 'src/pairs/anthropic-messages--openai-responses';
const INVOKE = 'src/pairs/anthropic-messages--bedrock-invoke';
const VERTEX = 'src/pairs/anthropic-messages--vertex-anthropic';
const GATEWAY = 'src/gateway';
const PROPERTIES = 'conformance/properties';
const SCENARIOS = 'conformance/scenarios/run-scenarios.test.ts';

export const CATALOGUE: readonly Mutant[] = [
  {
    name: 'drop-is-error',
    description: 'tool_result is_error: true is dropped on the way to OpenAI (the model thinks the tool succeeded)',
    edits: [
      {
        file: `${PAIR}/convert-anthropic-messages-to-openai.ts`,
        search: "const prefix = block.is_error === true ? TOOL_ERROR_PREFIX : '';",
        replace: "const prefix = '';",
      },
    ],
    tests: [`${PROPERTIES}/round-trip.test.ts`, SCENARIOS],
  },
  {
    name: 'text-reuses-tool-index',
    description: "text after a tool call is streamed into the tool block's index instead of a new block",
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search:
          "out.push({ type: 'content_block_start', index: nextBlock++, content_block: { type: 'text', text: '' } });",
        replace:
          "out.push({ type: 'content_block_start', index: anyToolCall && nextBlock > 0 ? nextBlock - 1 : nextBlock++, content_block: { type: 'text', text: '' } });",
      },
    ],
    tests: [
      `${PAIR}/stream-to-anthropic.test.ts`,
      `${PROPERTIES}/grammar.test.ts`,
      `${PROPERTIES}/stream-equals-non-stream.test.ts`,
    ],
    filter: 'openai-chat -> anthropic-messages',
  },
  {
    name: 'empty-text-block',
    description: 'the role chunk\'s `content: ""` opens an empty Anthropic text block',
    edits: [{ file: `${PAIR}/stream-to-anthropic.ts`, search: "if (value === '') return;", replace: '' }],
    tests: [SCENARIOS, `${PROPERTIES}/grammar.test.ts`],
  },
  {
    name: 'invented-signature',
    description:
      'a thinking block made from reasoning_content gets a made-up signature (rejected when replayed to Anthropic)',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: "if (open.kind === 'tool') open.call.closed = true;",
        replace:
          "if (open.kind === 'tool') open.call.closed = true;\n    if (open.kind === 'thinking' && !open.signed) out.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'c2lnbmF0dXJl' } });",
      },
    ],
    tests: [`${PAIR}/stream-to-anthropic.test.ts`, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
    filter: 'openai-chat -> anthropic-messages',
  },
  {
    name: 'usage-lost-with-finish-reason',
    description: 'usage on the same chunk as finish_reason (vLLM, Groq, DeepSeek) is ignored: the client sees 0 tokens',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: '    if (u !== undefined) {',
        replace: '    if (u !== undefined && !(Array.isArray(chunk.choices) && chunk.choices.length > 0)) {',
      },
    ],
    tests: [
      `${PAIR}/stream-to-anthropic.test.ts`,
      `${PROPERTIES}/usage-totals.test.ts`,
      `${PROPERTIES}/stream-equals-non-stream.test.ts`,
    ],
    filter: 'openai-chat -> anthropic-messages',
  },
  {
    name: 'content-filter-as-end-turn',
    description: 'finish_reason content_filter becomes end_turn: a filtered answer looks complete',
    edits: [
      {
        file: `${PAIR}/map-stop-reason.ts`,
        search: "    case 'content_filter':\n      return 'refusal';",
        replace: "    case 'content_filter':\n      return 'end_turn';",
      },
    ],
    tests: [`${PAIR}/map-stop-reason.test.ts`, `${PROPERTIES}/stop-reasons.test.ts`],
    filter: 'openai-chat -> ',
  },
  {
    name: 'cumulative-tool-arguments',
    description:
      'tool argument fragments are sent as the cumulative JSON so far: the client concatenates them into garbage',
    edits: [
      {
        file: `${PAIR}/stream-to-openai.ts`,
        search:
          'return [chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: delta.partial_json } }] })];',
        replace:
          "return [chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: (block.citations.push(delta.partial_json), block.citations.join('')) } }] })];",
      },
    ],
    tests: [`${PAIR}/stream-to-openai.test.ts`, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
    filter: '-> openai-chat',
  },
  {
    name: 'stop-sequences-dropped',
    description: "stop_sequences never reach OpenAI `stop`: generation runs past the caller's delimiter",
    edits: [
      {
        file: `${PAIR}/request-to-openai.ts`,
        search: 'if (seqs.length > 0) out.stop = seqs.slice(0, MAX_STOP);',
        replace: 'if (seqs.length < 0) out.stop = seqs.slice(0, MAX_STOP);',
      },
    ],
    tests: [`${PAIR}/request-to-openai.test.ts`, `${PROPERTIES}/round-trip.test.ts`],
    filter: 'Anthropic -> OpenAI -> Anthropic',
  },
  {
    name: 'mid-stream-error-as-clean-end',
    description:
      'an upstream error event mid-stream ends the OpenAI stream with finish_reason stop and [DONE]: a fake success',
    edits: [
      {
        file: `${PAIR}/stream-to-openai.ts`,
        search: 'error: (error) => [errorChunk(error)],',
        replace: "error: () => [chunk({}, 'stop'), OPENAI_DONE],",
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'first-delta-after-block-switch-dropped',
    description: 'the delta that opens a new text block after another block is swallowed: text loses its first piece',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: "      open = { kind: 'text', cited: -1 };",
        replace: "      open = { kind: 'text', cited: -1 };\n      if (nextBlock > 1) return;",
      },
    ],
    tests: [`${PAIR}/stream-to-anthropic.test.ts`, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
    filter: 'openai-chat -> anthropic-messages',
  },
  {
    name: 'cached-tokens-left-out-of-prompt',
    description: 'OpenAI prompt_tokens is taken from Anthropic input_tokens alone, leaving out cache reads and writes',
    edits: [
      {
        file: 'src/formats/openai-chat/usage.ts',
        search: 'prompt: num(u.input_tokens) + read + write,',
        replace: 'prompt: num(u.input_tokens),',
      },
    ],
    tests: [`${PAIR}/map-usage.test.ts`, `${PROPERTIES}/usage-totals.test.ts`],
    filter: '-> openai-chat',
  },
  {
    name: 'gemini-partial-args-need-a-name',
    description:
      'a functionCall part of a streamed call (partialArgs, no name) is read as a whole call: every Gemini 3 stream with streamed arguments fails with "functionCall needs a name"',
    edits: [
      {
        file: `${GEMINI}/convert-gemini-parts-to-anthropic.ts`,
        search: '    if (this.#streamed && !named) {',
        replace: '    if (false && this.#streamed && !named) {',
      },
    ],
    tests: [SCENARIOS, `${PROPERTIES}/chunk-boundaries.test.ts`],
  },
  {
    name: 'gemini-partial-string-pieces-lost',
    description:
      'a string argument streamed over several partialArgs keeps only its first piece (the later pieces of the same jsonPath are dropped)',
    edits: [
      {
        file: 'src/formats/gemini/partial-args.ts',
        search: '        return this.#stringPiece(arg.stringValue, arg.willContinue === true);',
        replace: "        return this.#stringPiece('', arg.willContinue === true);",
      },
    ],
    tests: [SCENARIOS, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
  },
  {
    name: 'gemini-streamed-arguments-for-everyone',
    description:
      'tool calls are streamed as partialArgs to every Gemini client, also those that did not ask (their SDKs expect whole calls)',
    edits: [
      {
        file: `${GEMINI}/stream-to-gemini.ts`,
        search: '  const streamArguments = options.context?.[GEMINI_STREAMED_ARGUMENTS] === true;',
        replace: '  const streamArguments = true;',
      },
    ],
    tests: [SCENARIOS, `${PROPERTIES}/grammar.test.ts`],
  },
  {
    name: 'gemini-partial-number-sent-early',
    description:
      'a number at the end of a tool-input piece is sent as a partial argument before the next piece (which may continue it: "1" of "12")',
    edits: [
      {
        file: 'src/formats/gemini/partial-args.ts',
        search: '    for (let i = 0; i < text.length; i++) this.#char(text[i]!, out);',
        replace:
          "    for (let i = 0; i < text.length; i++) this.#char(text[i]!, out);\n    if (this.#scalar?.kind === 'number') this.#endScalar(out);",
      },
    ],
    // the unit test pins the case ("n":1 then "2" is one number, 12); the properties hit it only by chance
    tests: [
      'src/formats/gemini/partial-args.test.ts',
      `${PROPERTIES}/stream-equals-non-stream.test.ts`,
      `${PROPERTIES}/chunk-boundaries.test.ts`,
    ],
  },
  {
    name: 'converse-block-left-open',
    description:
      'a ConverseStream block that gets no contentBlockStop stays open when the next block starts: the Anthropic client sees two blocks open at once',
    edits: [
      {
        file: `${CONVERSE}/stream-to-anthropic.ts`,
        search:
          "  const openBlock = (cIndex: number, block: Record<string, unknown> & { type: OpenBlock['kind'] }, out: Event[]) => {\n    close(out);",
        replace:
          "  const openBlock = (cIndex: number, block: Record<string, unknown> & { type: OpenBlock['kind'] }, out: Event[]) => {",
      },
    ],
    tests: [SCENARIOS, `${PROPERTIES}/grammar.test.ts`],
  },
  {
    name: 'typed-content-parts-ignored',
    description:
      'delta.content as a list of typed parts (Mistral reasoning models) is ignored: the answer and its reasoning vanish without a loss',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: '    else if (Array.isArray(delta.content)) contentParts(',
        // the array branch does nothing (as before issue 16): neither carried nor reported
        replace: '    else if (Array.isArray(delta.content)) void contentParts;\n    else if (false) contentParts(',
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'whitespace-text-passes',
    description:
      'only empty text counts as blank: whitespace-only text ("\\n\\n" before a replayed tool call) reaches Anthropic or Bedrock, which refuse it',
    edits: [
      { file: 'src/core/blank-text.ts', search: '  return /^\\s*$/.test(text);', replace: "  return text === '';" },
    ],
    tests: [SCENARIOS, `${PROPERTIES}/upstream-requests-accepted.test.ts`],
  },
  {
    name: 'responses-sequence-restarts',
    description: 'every Responses event says sequence_number 0 (numbering per event, not per stream)',
    edits: [
      {
        file: `${RESPONSES}/stream-to-responses.ts`,
        search: 'sequence_number: seq++,',
        replace: 'sequence_number: 0,',
      },
    ],
    tests: [`${RESPONSES}/stream-to-responses.test.ts`, `${PROPERTIES}/grammar.test.ts`],
    filter: '-> openai-responses',
  },
  {
    name: 'responses-terminal-without-output',
    description:
      'response.completed carries the shell without its output items: Codex CLI and the SDK read the answer from it and get nothing',
    edits: [
      {
        file: `${RESPONSES}/stream-to-responses.ts`,
        search: 'const response = shell(status.status, snapshot(), {',
        replace: 'const response = shell(status.status, [], {',
      },
    ],
    tests: [
      `${RESPONSES}/stream-to-responses.test.ts`,
      `${PROPERTIES}/grammar.test.ts`,
      `${PROPERTIES}/stream-equals-non-stream.test.ts`,
    ],
    filter: '-> openai-responses',
  },
  {
    name: 'responses-arguments-only-from-deltas',
    description:
      'function call arguments are read from argument deltas only: servers that send them in .done or in the done item lose them',
    edits: [
      {
        file: `${RESPONSES}/stream-to-anthropic.ts`,
        search:
          "if (o.kind === 'call' && !o.args && typeof event.arguments === 'string') callArgs(event.arguments, out);",
        replace: '',
      },
      {
        file: `${RESPONSES}/stream-to-anthropic.ts`,
        search: "if (!o.args && typeof item.arguments === 'string') callArgs(item.arguments, out);",
        replace: '',
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'responses-reasoning-signature-dropped',
    description:
      'reasoning items reach a Responses client without encrypted_content: the thinking signature is lost and the next turn cannot replay it',
    edits: [
      {
        file: `${RESPONSES}/convert-content-to-output.ts`,
        search: "if (encrypted !== undefined && encrypted !== '') item.encrypted_content = encrypted;",
        replace: '',
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'responses-error-without-failed',
    description:
      'a failed stream ends with the error event only, no response.failed: Codex CLI reports "stream closed before response.completed"',
    edits: [
      {
        file: `${RESPONSES}/stream-to-responses.ts`,
        search: "    return [\n      ...done,\n      ev('error', { code, message, param: null }),",
        replace:
          "    return [...done, ev('error', { code, message, param: null })];\n    return [\n      ...done,\n      ev('error', { code, message, param: null }),",
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'responses-cached-tokens-counted-twice',
    description:
      'Responses input_tokens (which includes the cache) becomes Anthropic input_tokens as it is: cached tokens are counted twice',
    edits: [
      {
        file: 'src/formats/openai-chat/usage.ts',
        search: 'input_tokens: Math.max(0, num(usage[names.prompt]) - read - write),',
        replace: 'input_tokens: num(usage[names.prompt]),',
      },
    ],
    tests: [`${RESPONSES}/map-usage.test.ts`, `${PROPERTIES}/usage-totals.test.ts`],
    filter: 'openai-responses -> ',
  },
  {
    name: 'responses-cut-call-completed',
    description:
      'a Responses stream cut by max_tokens while a call streams its arguments calls the function_call completed (the non-stream answer says incomplete): a client runs a call with cut arguments',
    edits: [
      {
        file: `${RESPONSES}/stream-to-responses.ts`,
        search: "    if (cut && typeof item.status === 'string') item.status = 'incomplete';",
        replace: '',
      },
    ],
    tests: [`${RESPONSES}/stream-to-responses.test.ts`],
  },
  // ---- the audit's three survivors (issue 22) ----
  {
    name: 'gemini-image-safety-as-end-turn',
    description:
      'Gemini IMAGE_SAFETY / IMAGE_PROHIBITED_CONTENT / IMAGE_RECITATION become end_turn: a blocked image answer looks complete',
    edits: [
      {
        file: `${GEMINI}/map-finish-reason.ts`,
        search: "  'SPII',\n  'IMAGE_SAFETY',\n  'IMAGE_PROHIBITED_CONTENT',\n  'IMAGE_RECITATION',\n",
        replace: "  'SPII',\n",
      },
    ],
    tests: [`${GEMINI}/map-finish-reason.test.ts`],
  },
  {
    name: 'gemini-text-after-function-call-dropped',
    description:
      'Gemini -> Anthropic: text parts after a functionCall are dropped (the model explains its call, nobody sees it)',
    edits: [
      {
        file: `${GEMINI}/convert-gemini-parts-to-anthropic.ts`,
        search: "  #text(text: string, sig: string | undefined): void {\n    if (text !== '') {",
        replace: "  #text(text: string, sig: string | undefined): void {\n    if (text !== '' && this.#calls === 0) {",
      },
    ],
    tests: [`${GEMINI}/response-to-anthropic.test.ts`, `${GEMINI}/stream-to-anthropic.test.ts`],
  },
  {
    name: 'openai-chunk-without-id-crashes',
    description:
      'OpenAI -> Anthropic stream: a chunk without `id` (several OpenAI-compatible servers) throws a TypeError',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: '    const chunkId = nonEmptyString(chunk.id);',
        replace: "    const chunkId = nonEmptyString((chunk.id as string).replace('chatcmpl-', 'chatcmpl-'));",
      },
    ],
    tests: [`${PAIR}/stream-to-anthropic.test.ts`],
  },
  // ---- thought signatures, tool names, block indexes, tool arguments ----
  {
    name: 'gemini-call-signature-lost',
    description:
      'the thoughtSignature on a Gemini functionCall part is dropped: the next turn replays the call unsigned and Gemini 3 answers 400',
    edits: [
      {
        file: `${GEMINI}/convert-gemini-parts-to-anthropic.ts`,
        search: '    this.#losses.unknownKeys(fc, CALL_KEYS, path);\n    if (sig) this.#signatureBlock(sig);',
        replace: '    this.#losses.unknownKeys(fc, CALL_KEYS, path);',
      },
    ],
    tests: [`${GEMINI}/signature-round-trip.test.ts`, `${GEMINI}/response-to-anthropic.test.ts`],
  },
  {
    name: 'gemini-signature-not-sent-back',
    description:
      "a thinking block's signature is not put back on the Gemini part it came from (thoughtSignature lost on replay)",
    edits: [
      {
        file: `${GEMINI}/convert-anthropic-block-to-gemini-part.ts`,
        search:
          "        part.thoughtSignature = thoughtSignatureFor({ type: 'thinking', thinking: text, signature: block.signature });",
        replace: '        void thoughtSignatureFor;',
      },
    ],
    tests: [`${GEMINI}/signature-round-trip.test.ts`, SCENARIOS],
  },
  {
    name: 'chat-stream-tool-name-not-restored',
    description:
      'OpenAI -> Anthropic stream: a tool name the request translation rewrote (dots, length) is not restored: the client cannot find its tool',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: "    const name = call.name === undefined ? '' : restoreToolName(call.name, toolNames);",
        replace: "    const name = call.name === undefined ? '' : call.name;",
      },
    ],
    tests: [`${PAIR}/stream-to-anthropic.test.ts`, SCENARIOS],
  },
  {
    name: 'gemini-stream-tool-name-not-restored',
    description: 'Gemini -> Anthropic stream: a rewritten tool name is not restored in streamed (partialArgs) calls',
    edits: [
      {
        file: `${GEMINI}/stream-to-anthropic.ts`,
        search:
          "      content_block: { type: 'tool_use', id, name: clientToolName(name, this.#toolNames), input: {} },",
        replace: "      content_block: { type: 'tool_use', id, name, input: {} },",
      },
    ],
    tests: [`${GEMINI}/stream-to-anthropic.test.ts`, SCENARIOS],
  },
  {
    name: 'responses-tool-name-not-restored',
    description: 'Responses -> Anthropic response: a rewritten tool name comes back rewritten',
    edits: [
      {
        file: `${RESPONSES}/convert-output-to-content.ts`,
        search: '        name: restoreToolName(item.name, context?.toolNames),',
        replace: '        name: item.name,',
      },
    ],
    tests: [`${RESPONSES}/response-to-anthropic.test.ts`],
  },
  {
    name: 'chat-block-index-after-thinking',
    description:
      "OpenAI -> Anthropic stream: the block after reasoning_content reuses the thinking block's index (the SDK merges them)",
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search:
          "        index: nextBlock++,\n        content_block: { type: 'thinking', thinking: '', signature: '' },",
        replace: "        index: nextBlock,\n        content_block: { type: 'thinking', thinking: '', signature: '' },",
      },
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: "    const index = nextBlock - 1;\n    if (value !== undefined && value !== '')",
        replace: "    const index = nextBlock;\n    if (value !== undefined && value !== '')",
      },
    ],
    tests: [`${PAIR}/stream-to-anthropic.test.ts`, `${PROPERTIES}/grammar.test.ts`],
    filter: 'openai-chat -> anthropic-messages',
  },
  {
    name: 'chat-last-argument-delta-dropped',
    description:
      'OpenAI -> Anthropic stream: tool call arguments on the chunk that also carries finish_reason (vLLM, SGLang) are dropped: the input is cut',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: '    if (Array.isArray(delta.tool_calls)) {',
        replace:
          '    if (Array.isArray(delta.tool_calls) && (c.finish_reason === null || c.finish_reason === undefined)) {',
      },
    ],
    tests: [`${PAIR}/stream-to-anthropic.test.ts`],
  },
  // ---- usage: cached tokens both ways ----
  {
    name: 'gemini-cached-tokens-counted-twice',
    description:
      'Gemini promptTokenCount (which includes cachedContentTokenCount) becomes Anthropic input_tokens whole: cached tokens counted twice',
    edits: [
      {
        file: `${GEMINI}/map-usage.ts`,
        search: '    input_tokens: Math.max(0, num(u.promptTokenCount) - cached) + num(u.toolUsePromptTokenCount),',
        replace: '    input_tokens: num(u.promptTokenCount) + num(u.toolUsePromptTokenCount),',
      },
    ],
    tests: [`${GEMINI}/map-usage.test.ts`, `${PROPERTIES}/usage-totals.test.ts`],
    filter: 'gemini -> anthropic-messages',
  },
  {
    name: 'gemini-prompt-without-cache',
    description:
      'Anthropic -> Gemini usage: promptTokenCount leaves out cache reads and writes (the prompt looks smaller)',
    edits: [
      {
        file: `${GEMINI}/map-usage.ts`,
        search: '  const prompt = num(u.input_tokens) + read + num(u.cache_creation_input_tokens);',
        replace: '  const prompt = num(u.input_tokens);',
      },
    ],
    tests: [`${GEMINI}/map-usage.test.ts`, `${PROPERTIES}/usage-totals.test.ts`],
    filter: 'anthropic-messages -> gemini',
  },
  {
    name: 'converse-total-without-cache',
    description: 'Anthropic -> Converse usage: totalTokens leaves out cache reads and writes',
    edits: [
      {
        file: `${CONVERSE}/map-stop-reason-and-usage.ts`,
        search: '    totalTokens: input + output + read + write,',
        replace: '    totalTokens: input + output,',
      },
    ],
    tests: [`${CONVERSE}/map-stop-reason-and-usage.test.ts`, `${PROPERTIES}/usage-totals.test.ts`],
    filter: 'anthropic-messages -> bedrock-converse',
  },
  {
    name: 'converse-cache-read-dropped',
    description: 'Converse -> Anthropic usage: cacheReadInputTokens is dropped (cached prompts look free)',
    edits: [
      {
        file: `${CONVERSE}/map-stop-reason-and-usage.ts`,
        search: '    cache_read_input_tokens: num(u.cacheReadInputTokens),',
        replace: '    cache_read_input_tokens: 0,',
      },
    ],
    tests: [`${CONVERSE}/map-stop-reason-and-usage.test.ts`, `${PROPERTIES}/usage-totals.test.ts`],
    filter: 'bedrock-converse -> anthropic-messages',
  },
  // ---- errors that become success, in every client format ----
  {
    name: 'gemini-client-error-as-success',
    description:
      'Anthropic -> Gemini stream: an error event ends the Gemini stream as if it were done (no error object)',
    edits: [
      {
        file: `${GEMINI}/stream-to-gemini.ts`,
        search:
          "        return [geminiErrorBody(status, typeof e.message === 'string' ? e.message : 'upstream error')];",
        replace: '        return void status, [];',
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'converse-client-error-as-success',
    description: 'Anthropic -> Converse stream: an error event becomes a clean messageStop (end_turn)',
    edits: [
      {
        file: `${CONVERSE}/stream-to-converse.ts`,
        search: "          return [{ [name]: { message: typeof e.message === 'string' ? e.message : 'error' } }];",
        replace: "          return void name, [{ messageStop: { stopReason: 'end_turn' } }];",
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'anthropic-client-openai-error-as-success',
    description:
      'OpenAI -> Anthropic stream: an error chunk ends the Anthropic stream with message_stop, a fake success',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: "      state = 'done';\n      return [errorEvent(chunk.error)];",
        replace: "      state = 'done';\n      return [{ type: 'message_stop' }];",
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'anthropic-client-gemini-error-as-success',
    description:
      'Gemini -> Anthropic stream: a {"error": …} chunk is read as an empty chunk: the stream looks cut short or complete',
    edits: [
      {
        file: `${GEMINI}/stream-to-anthropic.ts`,
        search: '    if (chunk.error !== undefined) {\n      const e = readGeminiError(chunk, 500);',
        replace: '    if (false) {\n      const e = readGeminiError(chunk, 500);',
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'anthropic-client-converse-exception-as-success',
    description: 'Converse -> Anthropic stream: a ConverseStream exception event is skipped like an unknown event',
    edits: [
      {
        file: `${CONVERSE}/stream-to-anthropic.ts`,
        search: '      if (/Exception$/.test(name)) {',
        replace: '      if (/Exception$/.test(name) && false) {',
      },
    ],
    tests: [SCENARIOS],
  },
  // ---- refusals ----
  {
    name: 'chat-refusal-as-end-turn',
    description: 'OpenAI -> Anthropic stream: delta.refusal text does not make stop_reason refusal',
    edits: [
      {
        file: `${PAIR}/stream-to-anthropic.ts`,
        search: "    const stop = refusal !== '' ? 'refusal' : openaiFinishReasonToAnthropic(",
        replace: "    const stop = refusal === null ? 'refusal' : openaiFinishReasonToAnthropic(",
      },
    ],
    tests: [SCENARIOS, `${PAIR}/stream-to-anthropic.test.ts`],
  },
  {
    name: 'converse-guardrail-as-end-turn',
    description: 'Converse stopReason guardrail_intervened becomes end_turn: a blocked answer looks complete',
    edits: [
      {
        file: `${CONVERSE}/map-stop-reason-and-usage.ts`,
        search: "  guardrail_intervened: 'refusal',",
        replace: "  guardrail_intervened: 'end_turn',",
      },
    ],
    tests: [`${CONVERSE}/map-stop-reason-and-usage.test.ts`, `${PROPERTIES}/stop-reasons.test.ts`],
    filter: 'bedrock-converse -> ',
  },
  // ---- Bedrock InvokeModel and Vertex ----
  {
    name: 'invoke-cut-stream-ends-clean',
    description:
      'an InvokeModel stream cut before message_stop ends without an error: a truncated answer looks complete',
    edits: [
      {
        file: `${INVOKE}/convert-pass-through-stream.ts`,
        search: "      return [errorEvent('api_error', 'the upstream stream ended before message_stop')];",
        replace: '      return [];',
      },
    ],
    tests: [SCENARIOS, `${INVOKE}/convert-pass-through-stream.test.ts`],
  },
  {
    name: 'invoke-exception-name-passed-on',
    description:
      'an InvokeModel exception (throttlingException) reaches the Anthropic client as its Bedrock name, not rate_limit_error',
    edits: [
      {
        file: `${INVOKE}/convert-pass-through-stream.ts`,
        search: "direction === 'to-anthropic' ? anthropicTypeForBedrockException(type) : type",
        replace: 'type',
      },
    ],
    tests: [`${INVOKE}/convert-pass-through-stream.test.ts`, SCENARIOS],
  },
  {
    name: 'invoke-anthropic-version-wrong',
    description: 'InvokeModel bodies say anthropic_version "2023-06-01" (the API header value): Bedrock answers 400',
    edits: [
      {
        file: `${INVOKE}/request-to-invoke.ts`,
        search: "  return version === '2026-10-21' ? '2026-10-21' : 'bedrock-2023-05-31';",
        replace: "  return version === '2026-10-21' ? '2026-10-21' : '2023-06-01';",
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'vertex-model-left-in-body',
    description: 'the Vertex rawPredict body keeps `model` (it belongs in the URL): Vertex answers 400',
    edits: [
      {
        file: `${VERTEX}/request-to-vertex.ts`,
        search:
          '  const out: Record<string, unknown> = { anthropic_version: vertexAnthropicVersion(options.anthropicVersion), ...rest };',
        replace:
          '  const out: Record<string, unknown> = { anthropic_version: vertexAnthropicVersion(options.anthropicVersion), model, ...rest };',
      },
    ],
    tests: [SCENARIOS],
  },
  {
    name: 'vertex-cut-stream-ends-clean',
    description: 'a Vertex streamRawPredict stream cut before message_stop ends without an error',
    edits: [
      {
        file: `${VERTEX}/convert-pass-through-stream.ts`,
        search:
          "      return [\n        { type: 'error', error: { type: 'api_error', message: 'the upstream stream ended before message_stop' } },\n      ];",
        replace: '      return [];',
      },
    ],
    tests: [SCENARIOS, `${VERTEX}/convert-pass-through-stream.test.ts`],
  },
  // ---- composed routes ----
  {
    name: 'composed-stream-end-not-translated',
    description:
      'a composed route (Gemini -> Anthropic -> OpenAI) passes what the first stage owes at the end without translating it through the next',
    edits: [
      {
        file: 'src/translate/translate.ts',
        search: '      for (let i = 0; i < stages.length; i++) out.push(...run(stages[i]!.end(), i + 1));',
        replace: '      for (let i = 0; i < stages.length; i++) out.push(...stages[i]!.end());',
      },
    ],
    tests: ['src/translate/translate.test.ts', SCENARIOS],
  },
  {
    name: 'composed-overload-529-passed-on',
    description: "a composed route hands an OpenAI client the hub's Anthropic-only 529 for an upstream 503",
    edits: [
      { file: 'src/translate/translate.ts', search: '    chain.length === 2 &&', replace: '    chain.length === 3 &&' },
    ],
    tests: ['src/translate/translate.test.ts', SCENARIOS],
  },
  // ---- codecs ----
  {
    name: 'sse-data-lines-joined-without-newline',
    description: 'an SSE event with several data: lines is joined without the newline between them',
    edits: [
      {
        file: 'src/wire/sse/parse-sse.ts',
        search: "          this.#data = this.#data + '\\n' + value;",
        replace: '          this.#data = this.#data + value;',
      },
    ],
    tests: ['src/wire/sse/parse-sse.test.ts'],
  },
  {
    name: 'event-stream-prelude-crc-unchecked',
    description: 'an AWS event-stream frame with a corrupt prelude CRC is read as if it were sound',
    edits: [
      {
        file: 'src/wire/event-stream/message.ts',
        search: '  const actual = crc32(bytes, 0, at, at + 8);\n  if (actual !== expected)',
        replace: '  const actual = crc32(bytes, 0, at, at + 8);\n  if (actual !== expected && false)',
      },
    ],
    tests: ['src/wire/event-stream/message.test.ts', 'src/wire/event-stream/frame-reader.test.ts'],
  },
  {
    name: 'gemini-stream-url-without-alt-sse',
    description: 'streamGenerateContent is called without ?alt=sse: Gemini answers with one JSON array, not SSE',
    edits: [
      {
        file: 'src/formats/gemini/target.ts',
        search: ':streamGenerateContent?alt=sse`',
        replace: ':streamGenerateContent`',
      },
    ],
    tests: ['src/formats/gemini/target.test.ts'],
  },
  {
    name: 'openai-error-chunk-not-an-end',
    description: "the OpenAI stream-end rule does not see an error chunk as the stream's failure",
    edits: [
      {
        file: 'src/formats/openai-chat/stream-end.ts',
        search: "      if (isOpenAIErrorEvent(event)) return 'failed';",
        replace: '',
      },
    ],
    tests: ['src/formats/stream-end.test.ts', `${GATEWAY}/pass-through-watcher.test.ts`],
  },
  // ---- the gateway ----
  {
    name: 'gateway-retry-after-dropped',
    description: "the gateway drops the upstream's retry-after header from a relayed 429: clients retry at once",
    edits: [
      {
        file: `${GATEWAY}/relay-upstream-error.ts`,
        search: "const KEPT = ['retry-after', 'retry-after-ms'];",
        replace: 'const KEPT: string[] = [];',
      },
    ],
    tests: [`${GATEWAY}/create-gateway.test.ts`, `${GATEWAY}/gateway-security.test.ts`],
  },
  {
    name: 'gateway-refused-credentials-relayed',
    description:
      "the gateway relays the upstream's 401 for its own key as the client's 401: the client thinks its key is wrong",
    edits: [
      {
        file: `${GATEWAY}/relay-upstream-error.ts`,
        search: '  if (e.status === 401 || e.status === 403) return true;',
        replace: '',
      },
    ],
    tests: [`${GATEWAY}/gateway-security.test.ts`],
  },
];
