import { isRecord } from '../../core/narrow.js';

/**
 * What an Anthropic `message_delta` may carry beyond the stop reason and the token counts
 * (docs/wire-formats.md#anthropic-stream-grammar): `context_management` (what context editing cleared, beta) and
 * `usage.server_tool_use` (how many server tool requests ran). A format with no place for them reports each one
 * that says something, at `context_management` / `usage.server_tool_use`, through `report` (`target` names the
 * format in the reason).
 */
export function reportMessageDeltaExtras(
  event: Record<string, unknown>,
  target: string,
  report: (path: string, reason: string) => void,
): void {
  const cm = event.context_management;
  if (isRecord(cm) && Array.isArray(cm.applied_edits) && cm.applied_edits.length > 0)
    report('context_management', `context editing results have no ${target} equivalent`);
  const u = isRecord(event.usage) ? event.usage.server_tool_use : undefined;
  if (isRecord(u) && Object.values(u).some((v) => typeof v === 'number' && v > 0))
    report('usage.server_tool_use', `server tool request counts have no ${target} equivalent`);
}
