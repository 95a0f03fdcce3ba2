// Bytes → string. Never assumes UTF-8: BOMs first, then strict UTF-8, then GB18030 (a superset of
// GBK/GB2312, what Chinese government sites serve). A later detector can refine the fallback.

export interface Decoded {
  text: string;
  encoding: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  if (startsWith(bytes, UTF8_BOM)) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const utf8 = tryDecode(bytes, "utf-8");
  // A page may declare GBK yet be UTF-8 (or the reverse): valid UTF-8 wins because GBK bytes of
  // Chinese text are almost never valid UTF-8.
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  const label = declared && /^(gb2312|gbk|gb18030|big5)$/i.test(declared) ? declared.toLowerCase() : "gb18030";
  const text = tryDecode(bytes, label === "big5" ? "big5" : "gb18030");
  if (text !== null) return { text, encoding: label === "big5" ? "big5" : "gb18030" };
  return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8 (lossy)" };
}

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
