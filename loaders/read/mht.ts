// A web archive (.mht / .mhtml, "网页，单个文件"): a MIME message whose first text/html part is
// the page. Returns that part's bytes (transfer encoding undone) and its declared charset.

export interface MhtPart {
  bytes: Uint8Array;
  charset: string | null;
  url: string | null;
}

export function isMht(head: string): boolean {
  // A plain search first: the anchored pattern below is slow on the (usual) text that is no archive.
  if (!/MIME-Version/i.test(head)) return false;
  return /^\s*(?:From:[^\n]*\n)?[\s\S]{0,2000}?MIME-Version:\s*1\.0/i.test(head) && /multipart\/related|text\/html/i.test(head);
}

export function mhtHtmlPart(bytes: Uint8Array): MhtPart | null {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const boundary = /boundary\s*=\s*"?([^"\s;]+)"?/i.exec(raw.slice(0, 8192))?.[1];
  const parts = boundary ? raw.split("--" + boundary) : [raw];
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    if (!/Content-Type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split.index + split[0].length);
    const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase() ?? "8bit";
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(headers)?.[1] ?? null;
    const url = /Content-Location:\s*(\S+)/i.exec(headers)?.[1] ?? null;
    let out: Buffer;
    if (encoding === "base64") out = Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
    else if (encoding === "quoted-printable") out = quotedPrintable(body);
    else out = Buffer.from(body, "latin1");
    return { bytes: new Uint8Array(out), charset, url };
  }
  return null;
}

function quotedPrintable(s: string): Buffer {
  const joined = s.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}
