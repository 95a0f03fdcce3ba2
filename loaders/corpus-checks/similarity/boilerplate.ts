// What every report legitimately shares, removed before texts are compared (issue 7 §3).
//
// Three layers, from the most specific to the most general:
// 1. Table lines: a line whose every run of Chinese characters is a piece of an official
//    template label (loaders/templates) or of a table header word is table furniture, whatever the
//    layout (pipe rows, space-aligned columns with labels split over two lines, one cell per line,
//    glued digits). Such lines are dropped.
// 2. Fixed wording: the statute's title, the six topics every report must cover, the templates'
//    printed notes, the formulas nearly every report opens and closes with, and the furniture of
//    government web pages (索引号, 发布机构, 打印本页…) (STATUTE_PHRASES).
//    Their occurrences are cut out of the prose (a cut is a break: no shingle spans it).
// 3. Corpus frequency (index.ts): a shingle found in the reports of at least 80% of the corpus's
//    townships (DF_SHARE, and at least DF_MIN_PLACES of them) is wording (nearly) every report
//    shares that the lists above miss, and does not count. Deliberately high: stock sentences used
//    by many townships are NOT removed, because a copy is often a particular selection of stock
//    sentences; what separates a copy from shared stock wording is the figures (figures.ts).
import { templates } from "../../templates/index.ts";

/** Words printed in table headers but not part of a row or column label of the schemas. */
const TABLE_WORDS = [
  "信息内容", "申请人情况", "法人或其他组织", "本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和",
  "第二十条第一项", "第二十条第五项", "第二十条第六项", "第二十条第八项", "第二十条第九项", "第二十条第",
  "行政诉讼", "未经复议直接起诉", "复议后起诉", "项", "单位万元", "万元", "元", "件", "条", "个",
  "本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理", "总计", "小计", "其中",
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
  // the 政府信息公开情况统计表 of 国办发〔2014〕32号, attached to many 2014–2018 reports (附表)
  "附表", "附件", "政府信息公开情况统计表", "统计指标", "单位", "本年度", "本年", "累计数", "历年累计", "统计数",
  "主动公开情况", "主动公开政府信息数", "主动公开规范性文件数", "通过不同渠道和方式公开政府信息的情况",
  "政府网站公开政府信息数", "政府公报公开政府信息数", "政务微博公开政府信息数", "政务微信公开政府信息数",
  "其他方式公开政府信息数", "回应解读情况", "依申请公开情况", "收到申请数", "当面申请数", "传真申请数", "网络申请数",
  "信函申请数", "申请办结数", "按时办结数", "延期办结数", "同意公开答复数", "同意部分公开答复数", "不同意公开答复数",
  "涉及国家秘密", "涉及商业秘密", "涉及个人隐私", "危及国家安全公共安全经济安全和社会稳定", "不是条例所指政府信息",
  "法律法规规定的其他情形", "申请信息不存在数", "告知作出更改补充数", "告知通过其他途径办理数",
  "因政府信息公开申请行政复议数", "维持具体行政行为数", "被依法纠错数", "其他情形数", "因政府信息公开申请行政诉讼数",
  "因政府信息公开举报投诉数", "依申请公开信息收取的费用", "机构建设和保障经费情况", "机构建设情况",
  "政府信息公开工作专门机构数", "设置政府信息公开查阅点数", "从事政府信息公开工作人员数", "专职人员数", "兼职人员数",
  "政府信息公开专项经费", "政府信息公开会议和培训情况", "召开政府信息公开工作会议或专题会议数", "举办各类培训班数",
  "接受培训人员数", "人次", "人", "次",
];

/**
 * Fixed wording shared by reports of every era (written without punctuation and digits, as the
 * content is compared). From the 2008 and 2019 条例, 国办发〔2014〕32号 and the 2019/2021 templates'
 * preambles: wording a report is supposed to repeat, so sharing it is not copying.
 */
export const STATUTE_PHRASES = [
  "中华人民共和国政府信息公开条例", "政府信息公开条例", "以下简称条例",
  "政府信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作报告",
  // the six topics of the 2008 条例 art. 32 (free-text era)
  "主动公开政府信息的情况", "依申请公开政府信息和不予公开政府信息的情况", "政府信息公开的收费及减免情况",
  "因政府信息公开申请行政复议提起行政诉讼的情况", "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项",
  // the six parts of the 2019/2021 templates
  "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议行政诉讼情况",
  "存在的主要问题及改进情况",
  // the preamble every template report opens with, in its usual wordings
  "全文包括总体情况主动公开政府信息情况收到和处理政府信息公开申请情况政府信息公开行政复议行政诉讼情况存在的主要问题及改进情况其他需要报告的事项",
  "本报告所列数据的统计期限自年月日起至年月日止", "本报告中所列数据的统计期限自年月日起至年月日止",
  "本报告所列数据统计期限自年月日起至年月日止", "统计期限自年月日起至年月日止", "统计期限为年月日至年月日",
  "本年度报告中使用数据统计期限为年月日至年月日",
  "如对本报告有任何疑问请与", "如对本年度报告有疑问请与", "联系地址", "联系电话", "邮政编码", "电子邮箱",
  "本报告的电子版可在", "门户网站", "政府信息公开专栏",
  "根据政府信息公开条例规定", "依据政府信息公开条例", "根据中华人民共和国政府信息公开条例的规定", "现公布",
  "政府信息公开信息处理费管理办法", "国务院办公厅关于印发政府信息公开信息处理费管理办法的通知", "国办函号",
  "国办公开办函号", "国办发号",
  // page furniture of government portals (信息公开目录 metadata, navigation, footer)
  "索引号", "发布机构", "主题分类", "生成日期", "成文日期", "发文日期", "发布日期", "文号", "有效性", "名称", "来源",
  "浏览次数", "访问次数", "点击数", "字号大中小", "打印本页", "关闭窗口", "打印", "关闭", "当前位置", "首页",
  "版权所有", "主办", "承办", "网站标识码", "备案号", "公网安备号", "网站地图", "联系我们", "分享到", "微信", "微博",
  "空间", "建议使用", "分辨率浏览本站",
];

let labelPieces: Set<string> | null = null;

/** Every substring of every template label and table word (for the table-line test). */
export function labelVocabulary(): Set<string> {
  if (labelPieces) return labelPieces;
  const labels = new Set<string>(TABLE_WORDS);
  for (const t of templates) {
    for (const s of t.signature) labels.add(s);
    for (const table of t.tables) {
      labels.add(table.heading);
      for (const b of table.blocks) {
        labels.add(b.label);
        for (const a of b.aliases ?? []) labels.add(a);
        for (const x of [...b.rows, ...b.columns]) {
          labels.add(x.label);
          for (const a of x.aliases ?? []) labels.add(a);
        }
      }
    }
  }
  const pieces = new Set<string>();
  for (const raw of labels) {
    const l = cjkOnly(raw);
    for (let i = 0; i < l.length; i++) for (let j = i + 1; j <= l.length; j++) pieces.add(l.slice(i, j));
  }
  return (labelPieces = pieces);
}

const CJK = /[\u3400-\u9fff]/;
function cjkOnly(s: string): string {
  let out = "";
  for (const c of s) if (CJK.test(c)) out += c;
  return out;
}
