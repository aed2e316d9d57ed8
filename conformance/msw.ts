/**
 * `crosswire/conformance/msw`: the strict mock providers as msw request handlers, for tests that intercept `fetch`
 * (docs/conformance-mocks.md). Needs `msw` installed: an optional peer dependency of crosswire.
 */
export { toMswHandlers } from './mocks/adapters/to-msw-handlers.js';
