import type * as Spec from '../../../generated/gemini/types.gen.js';
import type { PartialArg } from './partial-args.js';

/**
 * The Gemini `generateContent` wire shapes crosswire writes (docs/wire-formats.md#gemini). Only what the
 * translators produce is typed here, narrower than the spec (e.g. int64 counts always as strings);
 * input is always `unknown` and narrowed where it is read. The checks at the end make the
 * compiler prove these shapes conform to `spec/gemini-generate-content.yaml` (generated types).
 */

export type GeminiRole = 'user' | 'model';

export interface GeminiBlob {
  mimeType: string;
  data: string;
}

export interface GeminiFileData {
  mimeType?: string;
  fileUri: string;
}

export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

/**
 * One part of a call with streamed arguments (docs/wire-formats.md#gemini-stream): the first has the name and
 * `willContinue`, the next ones `partialArgs`, the last `{}`.
 */
export interface GeminiFunctionCallPiece {
  id?: string;
  name?: string;
  partialArgs?: PartialArg[];
  willContinue?: true;
}

export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  response: Record<string, unknown>;
  parts?: GeminiPart[];
}

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
}

export interface GeminiContent {
  role?: GeminiRole;
  parts: GeminiPart[];
}

export type GeminiType = 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN' | 'ARRAY' | 'OBJECT' | 'NULL';

/** Gemini's OpenAPI-3.0-style `Schema` subset. */
export interface GeminiSchema {
  type?: GeminiType;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: GeminiSchema;
  minItems?: string;
  maxItems?: string;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  minProperties?: string;
  maxProperties?: string;
  minLength?: string;
  maxLength?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: GeminiSchema[];
  propertyOrdering?: string[];
  default?: unknown;
  example?: unknown;
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
  parametersJsonSchema?: unknown;
}

/** One Gemini tool: function declarations, or a built-in tool (`googleSearch`, `urlContext`) with its settings. */
export type GeminiTool =
  | { functionDeclarations: GeminiFunctionDeclaration[] }
  | { googleSearch: Record<string, unknown> }
  | { urlContext: Record<string, unknown> };

export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

export interface GeminiToolConfig {
  functionCallingConfig: { mode: GeminiFunctionCallingMode; allowedFunctionNames?: string[] };
}

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';
}

export interface GeminiGenerationConfig {
  maxOutputTokens?: number;
  stopSequences?: string[];
  temperature?: number;
  topP?: number;
  topK?: number;
  responseMimeType?: string;
  responseJsonSchema?: unknown;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

export type GeminiFinishReason =
  | 'FINISH_REASON_UNSPECIFIED'
  | 'STOP'
  | 'MAX_TOKENS'
  | 'SAFETY'
  | 'RECITATION'
  | 'LANGUAGE'
  | 'OTHER'
  | 'BLOCKLIST'
  | 'PROHIBITED_CONTENT'
  | 'SPII'
  | 'MALFORMED_FUNCTION_CALL'
  | 'IMAGE_SAFETY'
  | 'UNEXPECTED_TOOL_CALL'
  | 'TOO_MANY_TOOL_CALLS';

export interface GeminiUsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/** A part of an answer: a function call may also come in pieces. */
export type GeminiResponsePart = Omit<GeminiPart, 'functionCall'> & {
  functionCall?: GeminiFunctionCall | GeminiFunctionCallPiece;
};

export interface GeminiCandidate {
  content?: { role: 'model'; parts: GeminiResponsePart[] };
  finishReason?: GeminiFinishReason;
  finishMessage?: string;
  index: number;
  groundingMetadata?: GeminiGroundingMetadata;
}

/** Google Search grounding of a candidate (docs/wire-formats.md#gemini-grounding), the parts crosswire writes. */
// a type alias, not an interface: it must fit the generated `{[key: string]: unknown}` of the spec's candidate
export type GeminiGroundingMetadata = {
  webSearchQueries?: string[];
  groundingChunks?: Array<{ web: { uri: string; title?: string } }>;
  groundingSupports?: Array<{
    segment: { startIndex: number; endIndex: number; text: string };
    groundingChunkIndices: number[];
  }>;
};

export interface GeminiResponse {
  candidates: GeminiCandidate[];
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** `google.rpc.Status` as Gemini sends it, in an HTTP error body and as a mid-stream chunk. */
export type GeminiStatusName = Spec.Status['status'];

export interface GeminiErrorBody {
  error: { code: number; message: string; status: GeminiStatusName; details?: Array<Record<string, unknown>> };
}

/** Compile-time proof that what crosswire writes is valid per the spec's generated types. */
type Conforms<T extends U, U> = T;
export type SpecConformance = [
  Conforms<GeminiRequest, Spec.GenerateContentRequest>,
  Conforms<GeminiResponse, Spec.GenerateContentResponse>,
  Conforms<GeminiErrorBody, Spec.ErrorResponse>,
];
