const LF = 10;
const CR = 13;

/**
 * Finds where SSE messages end in raw bytes: a blank line, with LF, CR or CRLF line ends (also a CRLF split
 * across chunks), as `SSEParser` reads them. Works on bytes: in UTF-8 the bytes of CR and LF never occur
 * inside another character. The parser dispatches a message at the line end that makes the blank line (a CR
 * too, without waiting for its LF), so once the bytes up to a boundary were fed to it, that message was parsed.
 */
export class SSEBoundaryScanner {
  /** the next byte starts a line */
  #atLineStart = true;
  /** the previous byte was a CR: a LF now belongs to it */
  #afterCR = false;
  /** a message ended at a CR that ended the previous chunk: its LF, if it comes, is a message end of its own */
  #crEnded = false;
  /** how far into the current chunk the state above reaches */
  #at = 0;

  /** the current chunk holds a CR (else the LF-only fast path applies) */
  #hasCR = true;

  /** `bytes` is the next chunk (the line-end state carries over). */
  reset(bytes: Uint8Array): void {
    this.#at = 0;
    this.#hasCR = bytes.includes(CR);
  }

  /**
   * The index just past the next message end in `bytes` at or after the last call's, or -1 (then the whole
   * chunk was scanned). A message ending in CRLF ends after the LF; when the chunk ends between the two, the
   * message ends at the CR and the LF at the start of the next chunk is reported as a (empty) message end.
   */
  next(bytes: Uint8Array): number {
    if (!this.#hasCR && !this.#afterCR) return this.#nextLF(bytes);
    let atLineStart = this.#atLineStart;
    let afterCR = this.#afterCR;
    const len = bytes.length;
    for (let i = this.#at; i < len; i++) {
      const b = bytes[i];
      if (b === LF) {
        if (afterCR) {
          afterCR = false;
          if (this.#crEnded) {
            this.#crEnded = false;
            return this.#stop(i + 1, true, false);
          }
          continue;
        }
        if (atLineStart) return this.#stop(i + 1, true, false);
        atLineStart = true;
      } else if (b === CR) {
        if (atLineStart) {
          if (i + 1 < len) return bytes[i + 1] === LF ? this.#stop(i + 2, true, false) : this.#stop(i + 1, true, false);
          this.#crEnded = true;
          return this.#stop(i + 1, true, true);
        }
        atLineStart = true;
        afterCR = true;
      } else {
        this.#crEnded = false;
        atLineStart = false;
        afterCR = false;
      }
    }
    this.#atLineStart = atLineStart;
    this.#afterCR = afterCR;
    this.#at = len;
    return -1;
  }

  /** `next` for a chunk with LF line ends only: jumps from LF to LF */
  #nextLF(bytes: Uint8Array): number {
    const len = bytes.length;
    let atLineStart = this.#atLineStart;
    let i = this.#at;
    while (i < len) {
      const lf = bytes.indexOf(LF, i);
      if (lf === -1) {
        atLineStart = false;
        break;
      }
      if (lf === i && atLineStart) return this.#stop(lf + 1, true, false);
      atLineStart = true;
      i = lf + 1;
    }
    this.#atLineStart = atLineStart;
    this.#at = len;
    return -1;
  }

  #stop(at: number, atLineStart: boolean, afterCR: boolean): number {
    this.#atLineStart = atLineStart;
    this.#afterCR = afterCR;
    this.#at = at;
    return at;
  }
}
