import { zMessageTokensCount } from '../../generated/anthropic-messages/zod.gen.js';
import { validateResponse } from '../../src/validate/index.js';
import { zodIssuesToErrors } from '../../src/validate/zod-issues-to-errors.js';
import { checkAnthropicStream } from '../checkers/check-anthropic-stream.js';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { errorsOnly } from '../checkers/violation.js';
import { decodeSSEEvents, expectErrorEnd } from './client-stream-events.js';
import type { ScenarioChecks } from './run-scenario.js';
import { upstreamRequestProblems } from './upstream-request-rules.js';

const issues = (r: { ok: boolean; errors: readonly { path: string; message: string }[] }) =>
  r.ok ? [] : r.errors.map((e) => `${e.path === '' ? '<root>' : e.path}: ${e.message}`);

/**
 * The checks the fixture runner applies: the strict mock's spec + provider rules on the upstream request,
 * spec validation of client responses, grammar checkers on client streams.
 */
export const defaultChecks: ScenarioChecks = {
  upstreamRequest: (format, body, scenario) =>
    upstreamRequestProblems(format, body, scenario?.meta.options?.anthropicVersion ?? scenario?.meta.anthropicVersion, scenario?.meta.endpoint),
  clientResponse(format, body, scenario) {
    if (scenario?.meta.endpoint === 'count_tokens' && format === 'anthropic-messages') {
      const r = zMessageTokensCount.safeParse(body);
      return r.success ? [] : issues({ ok: false, errors: zodIssuesToErrors(r.error.issues, body) });
    }
    return issues(validateResponse(format, body));
  },
  clientStream(format, bytes, expectError, upstream) {
    const { events, problems } = decodeSSEEvents(format, bytes);
    // reasoning from an OpenAI-format upstream carries no signature, and crosswire never invents one
    const allowUnsignedThinking = upstream === 'openai-chat';
    const violations =
      format === 'anthropic-messages'
        ? checkAnthropicStream(events, { allowUnsignedThinking })
        : format === 'openai-chat'
          ? checkOpenAIChunks(events)
          : [];
    const out = [...problems, ...errorsOnly(violations).map((v) => `${v.rule} at event ${v.index}: ${v.message}`)];
    if (expectError) out.push(...expectErrorEnd(format, events));
    return out;
  },
};
