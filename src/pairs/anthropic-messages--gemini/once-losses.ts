import { LossCollector } from '../../core/losses.js';

/**
 * A loss collector for streams: the same field on every chunk (say `candidates[0].safetyRatings`)
 * is reported once, not once per chunk.
 */
export class OnceLossCollector extends LossCollector {
  readonly #seen = new Set<string>();

  override add(path: string, reason: string): void {
    const key = path + '\u0000' + reason;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    super.add(path, reason);
  }
}
