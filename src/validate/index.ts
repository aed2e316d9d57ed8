export { anthropicVersionRules } from './anthropic-version-rules.js';
export type {
  ValidatedFormatTypes,
  ValidatedRequest,
  ValidatedResponse,
  ValidatedStreamEvent,
  ValidationIssue,
  ValidationResult,
} from './types.js';
export { validateRequest, validateResponse, validateStreamEvent } from './validate.js';
