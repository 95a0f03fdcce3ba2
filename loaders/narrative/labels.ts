// Words around a number: is it a channel (门户网站, 政务微信 …), a cumulative or a previous-year
// figure, a change (比上年增加), and what is the category label written next to it.

/** Where information is published: a split by these is a channel split, not a category split. */
export const CHANNEL = /门户网站|政府网站|网站|门户网|政府网|网页|政务微信|微信|公众账号|公众号|政务微博|微博|公开栏|公示栏|宣传栏|公告栏|展板|显示屏|电子屏|报刊|报纸|广播|电视|客户端|[Aa][Pp][Pp]|抖音|快手|短视频|视频号|账号|头条|短信|政务服务网|平台|发布会|政府公报|公报|小程序|视频号|融媒体|新媒体|公开专栏|政务公开专区/;
/** "通过门户网站、公开栏等多种渠道": channels named as examples of all channels, not a split. */
export const ALL_CHANNELS = /等(?:多种|各类|各种|多个|不同)?(?:渠道|方式|途径|平台|载体|形式)|等多种|多种渠道|多种方式|多种形式|各类平台|各种渠道|各渠道/;

/** Figures over more than the year (累计, 历年, 截至目前 …). */
export const CUMULATIVE = /累计|历年|截至|截止|至今|迄今|总计公开|开通以来|运行以来|成立以来|实施以来|上线以来|建立以来|启用以来|开展以来|以来累计|自[^，。；,;]{0,14}以来/;
/** A number after 其中 that is the year's own figure ("累计公开489条，其中2012年新增105条"). */
export const ANNUAL_ITEM = /全年|本年度?|今年|年内|当年|年度内|\d{4}年(?:度)?(?:新增|共|全年|内)|新增/;
/** 累计 over more than the year: with one of these, even "2023年累计…" is not the year's own. */
export const SINCE = /历年|截至|截止|至今|迄今|以来|总计公开|(?:年底|年末)前?累计|到[^，。；,;]{0,8}(?:年底|年末)/;
/** A qualifier that makes a 累计/截至 figure the year's own ("全年累计公开", "截至年底，今年共公开"). */
export const ANNUAL = /全年|本年度?|今年|年内|当年|年度内|本年度内/;
/** Last year's figure ("上年公开150条"), unless it is a comparison (比上年). */
export const PREVIOUS_YEAR = /上年|去年|上一年|前一年|上年度|上一年度/;
/** A change, not a level: "比上年增加32条", "同比增长", "较去年减少". */
export const CHANGE_BEFORE = /(?:比|较|同比|环比|相比)[^，。；,;]{0,14}$|(?:增加|增长|减少|下降|提高|上升|增幅|降幅|多出|多了|少了|新增加)了?$/;

/** The verb before a label ("我镇共公开" 业务工作); 财务公开, 政务公开, 信息公开年报 … are labels, not verbs,
 * and so is a verb inside a list of kinds ("政策解读、决策公开、重大项目…": 决策公开 is one of them). */
export const LABEL_VERB = /^.*(?:主动公开|(?<!财务|政务|党务|村务|校务|厂务|信息)公开|发布|公布|推送|更新|上传|编发|刊发|新增)(?:了)?(?![、])/;
/** Verbs that end a label written as a noun ("预决算公开10条", "政策解读发布10条"). */
const TRAILING_VERB = /(?:主动公开|公开|发布|公布|推送|更新|上传|编发|刊发|新增)+(?:了)?$/;

/** "其他应主动公开（的）政府信息" / "应主动公开的其他信息": the information that should be disclosed, as a category. */
export const SHOULD_DISCLOSE = /(?:其他|其它)应(?:当|该)?主动公开的?(?:政府)?信息$|应(?:当|该)?主动公开的(?:其他|其它)(?:政府)?信息$/;

/** Filler words around a label: 其中, 包括, 公开, 类, 方面 … */
const LABEL_PREFIX = /^(?:[.．、]|的|和|及|以及|含|其中|包括|包含|分别为|分别是|分别|具体为|具体是|主要有|主要包括|主要是|涉及|内容|从内容分类看|按内容分|公开了?|发布了?|主动公开了?|更新了?|各类|[:：、，,；;\s]|\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])+/;
const LABEL_SUFFIX = /(?:类信息|类的信息|方面的信息|方面信息|的信息|方面|类别|类|的|有|(?<!行)为|共|计|共计|合计|数量|约|近|[:：\s])+$/;

/** A label as written next to a count, without fillers ("其中工作动态类" → "工作动态"). */
export function cleanLabel(s: string): string {
  const t = s.replace(/[“”"‘’'《》「」]/g, "").trim();
  // "其他应主动公开政府信息", "应主动公开的其他信息": a class of information (the 条例's own words), kept whole.
  const should = SHOULD_DISCLOSE.exec(t);
  if (should) return should[0];
  // "我镇共公开业务工作" → "业务工作": the label is what follows the verb.
  const verb = LABEL_VERB.exec(t);
  if (verb) return strip(t.slice(verb[0].length));
  return strip(t);
}

/**
 * A label written as a noun ending in a verb ("其中预决算公开" → "预决算公开", "政策解读发布"), or
 * "" when only fillers stand before the verb ("其中主动公开", "全年新增公开").
 */
export function labelEndingInVerb(s: string): string {
  const t = s.replace(/[“”"‘’'《》「」]/g, "").trim();
  if (!TRAILING_VERB.test(t) || strip(t.replace(TRAILING_VERB, "")) === "") return "";
  return strip(t);
}

function strip(s: string): string {
  let t = s;
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(LABEL_PREFIX, "").replace(LABEL_SUFFIX, "").trim();
    // "政务动态信息" → "政务动态"; a two-character word keeps it (人事信息, 其他信息, 财政信息).
    if (/^\p{Script=Han}{3,}信息$/u.test(t)) t = t.slice(0, -2);
    if (t === before) break;
  }
  return t;
}

/** A label that names no category: 信息, 政府信息, 各类信息, 信息总数 (a restated total). */
export const GENERIC_LABEL = /^(?:各类|各项|各种)?(?:政府|政务)?信息(?:总?数|数量|总量)?$/;

/** A generic object of 公开 (政府信息, 各类信息, 2022年度政务 …): the number after it is a total, not a category. */
export const GENERIC_OBJECT = /^(?:\d{4}年度?|各类|各项|各种|本级|全镇|全乡|我镇|我乡|本镇|本乡|镇政府|乡政府|政府|政务|公共|相关|重要|有关|了|的|等|共|计|达到?|约|近|合计|总计|共计|数量|总数|总量|为|有|是)*(?:政府|政务)?(?:信息公开|公开)?(?:信息|文件信息|文件|内容|事项|条目|消息)?(?:数量|总数|总量|数|共计|合计|总计|累计|共|计|为|达到?|有|约|近|是|等|了|的|全年|本年度?|今年|年内|，|,|\s)*$/;
