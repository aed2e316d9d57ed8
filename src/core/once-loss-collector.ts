import type { JsonPath } from './json-path.js';
import { LossCollector } from './losses.js';

/**
 * A loss collector for streams, the one way to report a loss once: a field lost on every chunk (say
 * `candidates[0].safetyRatings`) is reported once per path, not once per chunk (docs/streaming.md, "Loss policy").
 */
export class OnceLossCollector extends LossCollector {
  readonly #seen = new Set<JsonPath>();

  override add(path: JsonPath, reason: string): void {
    if (this.#seen.has(path)) return;
    this.#seen.add(path);
    super.add(path, reason);
  }
}
