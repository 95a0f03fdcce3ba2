// Bytes → string. Never assumes UTF-8.
//
// Order: a BOM decides (UTF-8, UTF-16LE/BE); strictly valid UTF-8 with non-ASCII bytes is UTF-8
// (GBK or Big5 bytes of Chinese text are almost never valid UTF-8); otherwise every plausible
// encoding — the page's declared charset, chardet's candidates, GB18030 (a superset of GBK and
// GB2312, what Chinese government sites serve), Big5, UTF-16 without a BOM, lossy UTF-8 (a
// truncated UTF-8 file) — decodes a sample and the most plausible Chinese text wins. Plausibility
// counts common Chinese characters (Simplified and Traditional), ASCII and CJK punctuation, and
// penalises replacement characters, control characters and private-use code points. A declared
// charset gets a small bonus, so it is honoured unless the bytes show that it lies.
import chardet from "chardet";
import iconv from "iconv-lite";

export interface Decoded {
  text: string;
  encoding: string;
  /** Some lines are valid UTF-8 and others are not (a file pasted together from two sources). */
  mixed?: boolean;
}

/** Bytes decoded per candidate when choosing (the winner then decodes the whole file). */
const SAMPLE_BYTES = 64 * 1024;
/** Bytes given to chardet. */
const CHARDET_BYTES = 16 * 1024;

export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decodeAs(bytes.subarray(3), "utf-8"), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeAs(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeAs(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };

  const utf16 = utf16Parity(bytes);
  if (!utf16) {
    const strict = strictUtf8(bytes);
    if (strict !== null) return { text: strict, encoding: "utf-8" };
  }

  const declaredLabel = canonical(declared);
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const scores = new Map<string, number>();
  const score = (label: string, bonus = 0) => {
    if ((label === "utf-16le" || label === "utf-16be") && bytes.length % 2 === 1 && bytes.length > 64) return;
    const s = (scores.get(label) ?? plausibility(decodeAs(sample, label))) + bonus;
    scores.set(label, s);
  };
  for (const label of ["gb18030", "big5", "utf-8", "utf-16le", "utf-16be"]) score(label);
  if (declaredLabel) score(declaredLabel, 0.05);
  if (utf16) score(utf16, 0.1);
  // chardet (slow: ~2 ms per KB) is asked only when the plausible Chinese readings do not settle it.
  const ranked = [...scores.values()].sort((x, y) => y - x);
  if (!(ranked[0] > 0.5 && ranked[0] - (ranked[1] ?? -1) > 0.15)) {
    let guesses: { name: string; confidence: number }[] = [];
    try {
      guesses = chardet.analyse(bytes.subarray(0, CHARDET_BYTES)).slice(0, 6);
    } catch {
      guesses = [];
    }
    for (const g of guesses) {
      const label = canonical(g.name);
      if (label) score(label, 0.03 * (g.confidence / 100));
    }
  }
  let best = { label: "gb18030", score: -Infinity };
  for (const [label, s] of scores) if (s > best.score) best = { label, score: s };
  const text = decodeAs(bytes, best.label);
  const decoded: Decoded = { text, encoding: best.label === "utf-8" ? "utf-8 (lossy)" : best.label };
  if (best.label === "gb18030" && mixedUtf8(bytes)) decoded.mixed = true;
  return decoded;
}

/** Lines that are valid UTF-8 with Chinese in them next to lines that are not: GBK lines are
 * almost never valid UTF-8 by chance, so two of each kind mean the file mixes the encodings. */
function mixedUtf8(bytes: Uint8Array): boolean {
  const fatal = new TextDecoder("utf-8", { fatal: true });
  let utf8 = 0;
  let other = 0;
  let start = 0;
  for (let i = 0; i <= bytes.length && start < 2 * SAMPLE_BYTES; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const line = bytes.subarray(start, i);
    start = i + 1;
    if (!line.some((b) => b >= 0x80)) continue;
    try {
      fatal.decode(line);
      utf8++;
    } catch {
      other++;
    }
    if (utf8 >= 2 && other >= 2) return true;
  }
  return false;
}

/** Maps an encoding name (declared or detected) to the label used here, or null if unsupported. */
export function canonical(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = name.trim().toLowerCase().replace(/_/g, "-");
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn|hz-gb-2312|csgb2312|chinese|iso-ir-58)$/.test(n)) return "gb18030";
  if (/^(big5|big5-hkscs|cp950|x-x-big5|csbig5)$/.test(n)) return "big5";
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(n)) return "utf-8";
  if (/^(utf-?16le|utf-?16)$/.test(n)) return "utf-16le";
  if (/^utf-?16be$/.test(n)) return "utf-16be";
  if (/^(iso-8859-1|latin1|windows-1252|us-ascii|ascii)$/.test(n)) return "windows-1252";
  return null;
}

function decodeAs(bytes: Uint8Array, label: string): string {
  if (label === "utf-8") return new TextDecoder("utf-8").decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a BOM: text with any ASCII (digits, line breaks) has NUL bytes on one parity
 * only. Returns the endianness, or null when the bytes do not look like UTF-16.
 */
export function utf16Parity(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 8192);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.03 && odd >= 2 && even <= odd * 0.05) return "utf-16le";
  if (even >= pairs * 0.03 && even >= 2 && odd <= even * 0.05) return "utf-16be";
  return null;
}

// The most frequent Chinese characters (with the vocabulary of the reports) and their
// Traditional forms: decoded text made mostly of these is real text, not mojibake.
const COMMON_SIMPLIFIED = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞镇乡街道申请予以诉讼审维纠尚未纳罚执项网站";
const COMMON_TRADITIONAL = "這爲個國時來們於對會發動過說產種後學經進電裏現實兩體機當點從業應開還義間樣與關線內數麼質氣變條沒結問無軍並題黨員總設長頭資邊級圖統較將組見計別論運農幾區強決幹戰則據處隊給門規熱領東導壓爭濟階術極聯認權證採轉單風帶場車務萬達積議聲報鬥類離華確張馬節話況溫傳許羣廣記觀織裝衆書覆兒須際驗連斷難礦備辦習響約勞團歷構稱準號維劃選標寫親養層卻專狀廠識適屬圓調滿縣參紅細聽該鐵價嚴龍飛鎮鄉請訴訟審糾納罰執項網為著裡眾";
const COMMON = new Set([...COMMON_SIMPLIFIED, ...COMMON_TRADITIONAL]);

/**
 * From about -3 (surely not text) to 1 (common Chinese text), per character that is not plain
 * ASCII: ASCII reads the same in every candidate, so only the rest tells them apart.
 */
export function plausibility(text: string): number {
  let score = 0;
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    n++;
    if (COMMON.has(ch)) score += 1;
    else if (c === 0xfffd) score -= 3;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) score -= 2;
    else if (c >= 0x4e00 && c <= 0x9fff) score += 0.1; // CJK, but not among the common ones
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || c === 0x201c || c === 0x201d || c === 0x2014 || c === 0x2026 || c === 0xa0) score += 0.5;
    else if (c >= 0xe000 && c <= 0xf8ff) score -= 2; // private use
    else if (c >= 0xd800 && c <= 0xdfff) score -= 2;
    else score -= 0.3; // other scripts, symbols, CJK extensions: rare in a Chinese report
  }
  return n === 0 ? 0.3 : score / n;
}
