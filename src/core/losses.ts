import { TranslationError } from './errors.js';
import type { JsonPath } from './json-path.js';

/** A field of the input that could not be carried to the target format, and why. */
export interface Loss {
  /** JSON path in the *input* document, e.g. `messages[1].content[0].cache_control` */
  path: JsonPath;
  reason: string;
}

/**
 * Collects losses during one translation. With `strict`, the first loss throws a
 * `TranslationError` of kind `loss` instead. One collector per call: never shared.
 */
export class LossCollector {
  readonly #strict: boolean;
  readonly #losses: Loss[] = [];

  constructor(strict = false) {
    this.#strict = strict;
  }

  add(path: JsonPath, reason: string): void {
    const loss = { path, reason };
    if (this.#strict) {
      throw new TranslationError('loss', `cannot carry over: ${reason}`, { path, losses: [loss] });
    }
    this.#losses.push(loss);
  }

  /** Report every key of `obj` not in `known` as a loss (nothing is dropped in silence). */
  unknownKeys(obj: object, known: ReadonlySet<string>, path: JsonPath, reason = 'field not supported by the target format'): void {
    // for-in walks the enum cache without allocating a key array; the own-key check keeps
    // Object.keys semantics (inherited enumerable keys are not the input's)
    for (const key in obj) {
      if (!known.has(key) && Object.hasOwn(obj, key)) this.add(path === '' ? key : `${path}.${key}`, reason);
    }
  }

  get list(): Loss[] {
    return this.#losses.slice();
  }
}
