// Failures a person can act on: thrown inside the readers, turned into a ReadResult by index.ts.

export type FailureKind = "error" | "unsupported" | "needs-ocr";

export class ReadFailure extends Error {
  constructor(message: string, readonly kind: FailureKind = "error") {
    super(message);
  }
}

/** A per-file time limit, checked between steps of a reader (see PARSE_TIME_LIMIT_MS in index.ts). */
export class Deadline {
  #at: number;
  #ms: number;
  constructor(ms: number) {
    this.#ms = ms;
    this.#at = Date.now() + ms;
  }
  get at(): number {
    return this.#at;
  }
  /** The whole allowance in ms, grants included (for the message). */
  get ms(): number {
    return this.#ms;
  }
  get expired(): boolean {
    return Date.now() >= this.#at;
  }
  check(): void {
    if (this.expired) throw timeoutFailure(this.#ms);
  }
  /**
   * More time for slow work the limit was not sized for (OCR of scanned pages): this deadline
   * moves on by `ms`, and the grant's own deadline is returned for that work. Listeners (the
   * parse pool's watchdog, through its worker) hear of it.
   */
  grant(ms: number): Deadline {
    this.#at += ms;
    this.#ms += ms;
    for (const listener of grantListeners) listener(ms);
    return new Deadline(ms);
  }
}

const grantListeners = new Set<(ms: number) => void>();

/** Calls `listener` with every Deadline.grant in this thread; returns the unsubscribe. */
export function onDeadlineGrant(listener: (ms: number) => void): () => void {
  grantListeners.add(listener);
  return () => grantListeners.delete(listener);
}

export function timeoutFailure(ms: number): ReadFailure {
  return new ReadFailure(`读取超时（超过 ${Math.round(ms / 1000)} 秒）：文件可能过大或已损坏，请另存为较小的 PDF/DOCX 或提供网页/文本版本`);
}
