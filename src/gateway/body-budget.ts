/**
 * Bytes of request bodies in flight across a gateway's requests (`maxInFlightBodyBytes`): a request holds the
 * bytes of its body (its declared `content-length` up front, else as they arrive) until its response is ready.
 * A request that would take the total past the cap is refused (503 with `retry-after`), unless nothing else is
 * in flight (a lone request up to `maxBodyBytes` always gets through).
 */
export class BodyBudget {
  #inFlight = 0;
  readonly #cap: number;

  constructor(cap: number) {
    this.#cap = cap;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** A hold for one request; `release()` it when the request is answered. */
  hold(): BodyHold {
    let held = 0;
    return {
      take: (n) => {
        if (n <= 0) return true;
        if (this.#inFlight > held && this.#inFlight + n > this.#cap) return false;
        this.#inFlight += n;
        held += n;
        return true;
      },
      release: () => {
        this.#inFlight -= held;
        held = 0;
      },
    };
  }
}

export interface BodyHold {
  /** hold `n` more bytes; false when the budget has no room for them (nothing is held then) */
  take(n: number): boolean;
  release(): void;
}

/** A hold that never refuses (a request handed to a handler without the gateway's bookkeeping). */
export const NO_HOLD: BodyHold = { take: () => true, release: () => {} };
