/** `data:` URLs live in the wire layer, shared by every format that carries them. */
export * from '../../wire/data-url.js';
