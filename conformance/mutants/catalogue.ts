import type { Mutant } from './mutant.js';

/**
 * Real-world translation bugs (seen in open-source LLM gateways) that the suite must catch. Each one is planted
 * in a copy of the tree by `run-mutants.ts`; anchors are exact text of the current source and
 * `catalogue.test.ts` fails as soon as one no longer matches, so the catalogue cannot rot in silence.
 */

const PAIR = 'src/pairs/anthropic-messages--openai-chat';
const GEMINI = 'src/pairs/anthropic-messages--gemini';
const CONVERSE = 'src/pairs/anthropic-messages--bedrock-converse';
const RESPONSES = 'src/pairs/anthropic-messages--openai-responses';
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
    tests: [`${PROPERTIES}/grammar.test.ts`, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
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
    tests: [`${PROPERTIES}/stream-equals-non-stream.test.ts`],
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
    tests: [`${PROPERTIES}/usage-totals.test.ts`, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
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
    tests: [`${PROPERTIES}/stop-reasons.test.ts`],
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
    tests: [`${PROPERTIES}/stream-equals-non-stream.test.ts`],
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
    tests: [`${PROPERTIES}/round-trip.test.ts`],
  },
  {
    name: 'mid-stream-error-as-clean-end',
    description:
      'an upstream error event mid-stream ends the OpenAI stream with finish_reason stop and [DONE]: a fake success',
    edits: [
      {
        file: `${PAIR}/stream-to-openai.ts`,
        search: 'return [errorChunk(event.error)];',
        replace: "return [chunk({}, 'stop'), OPENAI_DONE];",
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
    tests: [`${PROPERTIES}/stream-equals-non-stream.test.ts`],
  },
  {
    name: 'cached-tokens-left-out-of-prompt',
    description: 'OpenAI prompt_tokens is taken from Anthropic input_tokens alone, leaving out cache reads and writes',
    edits: [
      {
        file: `${PAIR}/map-usage.ts`,
        search: 'const prompt = num(u.input_tokens) + read + (write ?? 0);',
        replace: 'const prompt = num(u.input_tokens);',
      },
    ],
    tests: [`${PROPERTIES}/usage-totals.test.ts`],
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
    tests: [`${PROPERTIES}/stream-equals-non-stream.test.ts`, `${PROPERTIES}/chunk-boundaries.test.ts`],
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
    tests: [`${PROPERTIES}/grammar.test.ts`],
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
    tests: [`${PROPERTIES}/grammar.test.ts`, `${PROPERTIES}/stream-equals-non-stream.test.ts`],
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
        search: "    return [\n      ev('error', { code, message, param: null }),",
        replace:
          "    return [ev('error', { code, message, param: null })];\n    return [\n      ev('error', { code, message, param: null }),",
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
        file: `${RESPONSES}/map-usage.ts`,
        search: 'input_tokens: Math.max(0, num(u.input_tokens) - read - write),',
        replace: 'input_tokens: num(u.input_tokens),',
      },
    ],
    tests: [`${PROPERTIES}/usage-totals.test.ts`],
  },
];
