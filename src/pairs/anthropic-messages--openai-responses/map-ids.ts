/**
 * Ids of what crosswire makes for a Responses client, derived from the response id so that a stream and its
 * non-stream twin agree: the response `resp_<base>` (or the id given in the options), and each output item
 * `<prefix>_<base>_<output index>` (`msg_`, `rs_`, `fc_`, `ctc_`, `ws_`). `<base>` is the id without its
 * `msg_` / `resp_` prefix.
 */

export function idBase(id: string): string {
  return id.replace(/^(msg_|resp_)/, '');
}

export function responseIdFor(anthropicId: unknown, optionsId: string | undefined): string {
  if (optionsId !== undefined) return optionsId;
  return typeof anthropicId === 'string' && anthropicId !== '' ? `resp_${idBase(anthropicId)}` : 'resp_0';
}

export function itemId(prefix: 'msg' | 'rs' | 'fc' | 'ctc' | 'ws', responseId: string, outputIndex: number): string {
  return `${prefix}_${idBase(responseId)}_${outputIndex}`;
}

/** The Anthropic message id for a Responses response id (`msg_<id>`, unless it already starts with `msg_`). */
export function messageIdFor(responseId: unknown, optionsId: string | undefined): string {
  if (optionsId !== undefined) return optionsId;
  if (typeof responseId !== 'string' || responseId === '') return 'msg_0';
  return responseId.startsWith('msg_') ? responseId : `msg_${responseId}`;
}

/** The Anthropic `server_tool_use` id for a Responses web search call id, and back. */
export function serverToolUseId(callId: string): string {
  return `srvtoolu_${callId.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

export function webSearchCallId(toolUseId: string, fallback: string): string {
  const id = toolUseId.replace(/^srvtoolu_/, '');
  return id.startsWith('ws_') ? id : fallback;
}
