export type CaseStatus = 'pass' | 'fail' | 'skip' | 'not-offered';

/** One checked aspect of one scenario, as the reports show it. */
export interface CaseResult {
  /** `<client>--<upstream>/<name>` */
  scenario: string;
  aspect: string;
  /** the client format that sent the request */
  client: string;
  /** the provider column this case belongs to (the upstream's name, e.g. `openai`) */
  provider: string;
  features: string[];
  /** `not-offered`: the gateway does not offer the scenario's route (one case stands for the whole scenario) */
  status: CaseStatus;
  /** why a case was skipped, or the diff of a failing case */
  message: string;
  /** a comparison judged by meaning: was it also byte-identical to the reference (the exact level)? */
  identical?: boolean;
  /** the upstream request was compared as this format (the gateway called the other Bedrock API) */
  comparedAs?: string;
  /** the client request sent (for failing cases) */
  request?: unknown;
  expected?: unknown;
  actual?: unknown;
  durationMs: number;
}

const SHORT: Record<string, string> = {
  'anthropic-messages': 'anthropic',
  'openai-chat': 'openai',
  'bedrock-invoke': 'bedrock',
  'vertex-anthropic': 'vertex',
  'openai-responses': 'responses',
};

/** The column of a case: `client → provider`, e.g. `anthropic → openai` (an Anthropic client, an OpenAI provider). */
export function columnOf(r: Pick<CaseResult, 'client' | 'provider'>): string {
  return `${SHORT[r.client] ?? r.client} → ${r.provider}`;
}
