import { TranslationError } from './errors.js';
import { childPath, type JsonPath } from './json-path.js';
import type { Loss } from './loss.js';

export type { Loss } from './loss.js';

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
  unknownKeys(
    obj: object,
    known: ReadonlySet<string>,
    path: JsonPath,
    reason = 'field not supported by the target format',
  ): void {
    // for-in walks the enum cache without allocating a key array; the own-key check keeps
    // Object.keys semantics (inherited enumerable keys are not the input's)
    for (const key in obj) {
      if (!known.has(key) && Object.hasOwn(obj, key)) this.add(path === '' ? key : `${path}.${key}`, reason);
    }
  }

  /**
   * `unknownKeys` for the object at `childPath(parent, key)`: the path is built only when an
   * unknown key is found (hot translation loops visit many objects and report few losses).
   */
  unknownKeysAt(
    obj: object,
    known: ReadonlySet<string>,
    parent: JsonPath,
    key: string | number,
    reason?: string,
  ): void {
    for (const k in obj) {
      if (!known.has(k) && Object.hasOwn(obj, k)) {
        this.unknownKeys(obj, known, childPath(parent, key), reason);
        return;
      }
    }
  }

  get list(): Loss[] {
    return this.#losses.slice();
  }
}
