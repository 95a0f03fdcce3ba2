// Fees charged for disclosure (收费及减免, 信息处理费), in yuan: 0 for 无收费 / 未收取任何费用 / 未对申请人收取费用 /
// 免费 (in the fees section) / a fees section whose body is "无"; an amount only where the words
// say it was charged (收取…费…元), never a waiver (减免), a budget (经费) or table 二's 行政事业性收费.
import type { TokenCache } from "./context.ts";
import { resolve, type Found } from "./resolve.ts";
import { spanOf, type Sentence, type TextIndex, type Topic } from "./text.ts";

export interface FeesResult {
  fees: Found | null;
  warnings: string[];
}

const SKIP_TOPICS: ReadonlySet<Topic> = new Set(["table", "appendix", "problems"]);
const ANCHOR = /收费|收取|费用|处理费|检索费|复制费|邮寄费|工本费|复印费/;
const CHARGED = /收取|收费|处理费|检索|复制|复印|邮寄|工本|费用/;
const NOT_CHARGED = /减免|免除|免收|退还|退回|经费|预算|投入|专项|资金|采购|行政事业性收费|罚款|补贴|工资/;
const ZERO = /(?:无|未|没有|不|免|零|均未|从未|尚未|并未)(?:[向对][^，。；]{0,12})?(?:任何|相关)?(?:收取|收费)|(?:无|没有|未有)[^，。；,;]{0,8}(?:收费|费用)|未(?:产生|发生|涉及)[^，。；,;]{0,8}(?:收费|费用)|(?:收费|费用|处理费)[^，。；,;]{0,10}(?:为零|为0|为“零”|均为零|为“0”)|零收费|(?:不存在|没有发生|未出现)[^，。；,;]{0,6}(?:收费|费用)|(?:收费|费用)[^。；;]{0,12}[：:]\s*(?:无|没有|零)(?=[。；;]|$)/g;
const TOTAL = /共|合计|总计|共计|累计/;

export function extractFees(index: TextIndex, sentences: Sentence[], cache: TokenCache, noneSections: { start: number; end: number }[]): FeesResult {
  const res: FeesResult = { fees: null, warnings: [] };
  const found: Found[] = [];
  for (const s of sentences) {
    if (SKIP_TOPICS.has(s.topic)) continue;
    const inFees = s.topic === "fees";
    if (!inFees && !ANCHOR.test(s.text)) continue;
    // The amount's own clause says it was charged, or only "how much" of a charge named just before.
    const amounts = cache.of(s).filter((t) => t.kind === "money" && !NOT_CHARGED.test(t.clause) && !/复议|诉讼|申请人数/.test(t.lead)
      && (CHARGED.test(t.clause) || (CHARGED.test(t.wide) && /^(?:共|共计|合计|总计|计|为|金额为?|总额为?)?$/.test(t.clause.trim()))));
    const chosen = amounts.length > 1 ? amounts.filter((t) => TOTAL.test(t.lead)) : amounts;
    if (amounts.length > 1 && chosen.length !== 1) {
      res.warnings.push(`收费有多个金额（${amounts.map((t) => t.raw).join("、")}），没有写明合计，留空`);
    } else if (chosen.length === 1) {
      const t = chosen[0];
      found.push({ value: t.value, evidence: index.evidence("fees", t.value, t.gStart, t.gEnd, s) });
    }
    ZERO.lastIndex = 0;
    for (let m = ZERO.exec(s.text); m; m = ZERO.exec(s.text)) {
      if (/减免/.test(m[0]) && !/收费/.test(m[0])) continue;
      found.push({ value: 0, evidence: index.evidence("fees", 0, ...spanOf(s, m.index, m.index + m[0].length), s), words: true });
      break;
    }
    if (inFees && /免费/.test(s.text) && !found.some((f) => f.value === 0 && f.evidence.snippet === s.text.trim())) {
      const at = s.text.indexOf("免费");
      found.push({ value: 0, evidence: index.evidence("fees", 0, ...spanOf(s, at, at + 2), s), words: true });
    }
  }
  for (const sec of noneSections) found.push({ value: 0, evidence: index.evidence("fees", 0, sec.start, sec.end), words: true });
  res.fees = resolve(found, "收费金额", res.warnings);
  return res;
}
