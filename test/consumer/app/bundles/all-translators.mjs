// Bundle-size entry: the three translate functions, every format.
export { translateRequest, translateResponse, translateStream } from 'crosswire';
