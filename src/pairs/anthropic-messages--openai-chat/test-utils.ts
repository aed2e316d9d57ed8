export { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
