export { anthropicVersionRules } from './anthropic-version-rules.js';
export type { ValidationIssue, ValidationResult } from './types.js';
export { validateRequest, validateResponse, validateStreamEvent } from './validate.js';
