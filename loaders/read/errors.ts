// Failures a person can act on: thrown inside the readers, turned into a ReadResult by index.ts.

export type FailureKind = "error" | "unsupported" | "needs-ocr";

export class ReadFailure extends Error {
  constructor(message: string, readonly kind: FailureKind = "error") {
    super(message);
  }
}

/** A per-file time limit, checked between steps of a reader (see PARSE_TIME_LIMIT_MS in index.ts). */
export class Deadline {
  readonly at: number;
  constructor(readonly ms: number) {
    this.at = Date.now() + ms;
  }
  get expired(): boolean {
    return Date.now() >= this.at;
  }
  check(): void {
    if (this.expired) throw timeoutFailure(this.ms);
  }
}

export function timeoutFailure(ms: number): ReadFailure {
  return new ReadFailure(`读取超时（超过 ${Math.round(ms / 1000)} 秒）：文件可能过大或已损坏，请另存为较小的 PDF/DOCX 或提供网页/文本版本`);
}
