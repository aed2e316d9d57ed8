import type { FormatId } from '../../src/core/formats.js';
import { OPENAI_FINISH } from '../arbitraries/render-openai-chunks.js';
import type { ScriptStop, StreamScript } from '../arbitraries/stream-script.js';

type Json = Record<string, unknown>;

/** OpenAI finish_reason -> Anthropic stop_reason (docs/wire-formats.md#cross-walk-stop-reasons; `stop` cannot say whether a stop sequence matched). */
const ANTHROPIC_FROM_OPENAI: Record<string, ScriptStop> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

/** Anthropic stop_reason -> Gemini finishReason (docs/wire-formats.md#cross-walk-stop-reasons; a refusal is the safety family, `SAFETY` when written). */
const GEMINI_FINISH: Record<ScriptStop, string> = {
  end_turn: 'STOP',
  stop_sequence: 'STOP',
  tool_use: 'STOP',
  max_tokens: 'MAX_TOKENS',
  refusal: 'SAFETY',
};

/** Anthropic stop_reason -> Responses status and incomplete reason (docs/wire-formats.md#cross-walk-stop-reasons). */
const RESPONSES_STATUS: Record<ScriptStop, Json> = {
  end_turn: { status: 'completed', incomplete_reason: null },
  stop_sequence: { status: 'completed', incomplete_reason: null },
  tool_use: { status: 'completed', incomplete_reason: null },
  max_tokens: { status: 'incomplete', incomplete_reason: 'max_output_tokens' },
  refusal: { status: 'incomplete', incomplete_reason: 'content_filter' },
};

/**
 * What the upstream's rendering of the script says in Anthropic terms (the hub): stop reason and matched stop
 * sequence. OpenAI and Gemini cannot say that a stop sequence matched (→ `end_turn`); Converse says it but not
 * which sequence; the Anthropic-grammar formats say both.
 */
function hubStop(upstream: FormatId, s: StreamScript): { reason: ScriptStop; sequence: string | null } {
  switch (upstream) {
    case 'openai-chat':
      return { reason: ANTHROPIC_FROM_OPENAI[OPENAI_FINISH[s.stop]]!, sequence: null };
    case 'gemini':
      return { reason: s.stop === 'stop_sequence' ? 'end_turn' : s.stop, sequence: null };
    case 'bedrock-converse':
      return { reason: s.stop, sequence: null };
    case 'openai-responses':
      // Responses cannot say that a stop sequence matched (status completed)
      return { reason: s.stop === 'stop_sequence' ? 'end_turn' : s.stop, sequence: null };
    default:
      return { reason: s.stop, sequence: s.stopSequence };
  }
}

/**
 * The stop fields the client's projection (`project-response.ts`) must show for a script rendered by `upstream`,
 * from the cross-walk of docs/wire-formats.md#cross-walk-stop-reasons, composed through Anthropic when neither side is Anthropic.
 */
export function expectedStop(upstream: FormatId, client: FormatId, s: StreamScript): Json {
  const { reason, sequence } = hubStop(upstream, s);
  switch (client) {
    case 'openai-chat':
      return { finish_reason: OPENAI_FINISH[reason] };
    case 'gemini':
      return { finishReason: GEMINI_FINISH[reason] };
    case 'bedrock-converse':
      return { stopReason: reason === 'refusal' ? 'content_filtered' : reason };
    case 'openai-responses':
      return RESPONSES_STATUS[reason];
    default:
      return { stop_reason: reason, stop_sequence: sequence };
  }
}
