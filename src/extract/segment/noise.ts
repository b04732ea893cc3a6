/**
 * Web-page noise: the lines a stored page adds around a plan (navigation, bread crumbs, share and print
 * prompts, publish-time / source / editor lines, contact and copyright footers, site blurbs, adverts).
 * Rules look at the SHAPE of a line — short, no sentence, dominated by separators, holding a URL, a phone
 * or a chrome word — never at one site's literal strings. They are conservative: a line that starts with a
 * heading marker or holds a quantity (a number with a unit) is plan content and always survives.
 */
import type { Line } from "./lines.js";

/** A heading marker at the start of a line: 一、 (一) 1. 1、 (1) ① 第一部分 一是. */
export const HEADING_START =
  /^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}(?:[.、](?!\d)|\))|\(\d{1,2}\)|[①-⑳]|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|[一二三四五六七八九十]{1,2}是)/;

// A number followed by a unit of measure: what a target or a result is made of. Years, dates, times and
// counts of characters are not quantities.
const QUANTITY =
  /\d(?:\.\d+)?\s*(?:%|‰|万|亿|千|百|人|个|家|张|所|支|项|次|场|户|条|座|批|公顷|公里|小时|天|岁|元|例|名|位|床|间|台|套|种|类|倍|分)|百分之|[一二三四五六七八九十两]+(?:个百分点|成)/;

export function hasQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

const SENTENCE_END = /[。;!?]/;
const PUNCT = /[。,;:!?、]/;

// Lines that place the page in its site.
const BREADCRUMB = /(?:当前位置|您的位置|您当前的位置|所在位置|当前的位置)|^首页\s*>|^>>|>\s*正文/;
// Page metadata: a label then its value.
const META_LABEL =
  /^[-•·【[]?\s*(?:时间|发布时间|发表时间|更新时间|发布日期|更新日期|日期|来源|信息来源|资料来源|文章来源|稿源|作者|文章作者|责任编辑|编辑|审核|校对|浏览次数|阅读次数|访问次数|浏览量|阅读量|点击数|点击量|点击|字号|字体)\s*[:：丨|]/;
const GOV_META = /索引号|组配分类|公开方式|成文日期|主题分类|发布机构|信息分类|公开时限/;
const DATE_TIME = /\d{2,4}[-./]\d{1,2}[-./]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?/;
const CONTACT =
  /https?:\/\/|www\.|\.(?:com|cn|net|org|gov)\b|[\w.-]+@[\w-]+\.\w|(?:热线|电话|信箱|邮箱|传真|QQ|微信号)\s*[:：]|0\d{2,3}-\d{7,8}/i;
const COPYRIGHT = /版权所有|copyright|©|ICP[备证]|公网安备|免责声明|转载请注明|本站立场|本网立场|不代表本站/i;
// The words of site chrome: share, print, read more, related lists, comments, log in, tip, tags.
// Words only site chrome uses: a line holding one is chrome however long it runs.
const STRONG_CHROME =
  /JavaScript|浏览器|键盘|Ctrl|扫一扫|二维码|阅读全文|登录|登陆|打赏|赏赞|以稿换稿|文章共\d+字|省略\d+字|正式会员|本文已影响|我来说两句|收藏举报|回顶端|回到顶端|返回顶部|关闭窗口|网站地图|网站标识码|主办单位|承办单位|技术支持|联系我们|关于我们|无障碍|点击上方|长按识别|关注我们|上一页|下一页|尾页|第\s*\d+\s*页|共\s*\d+\s*页/i;
const CHROME =
  /分享到|打印|列印|收藏|举报|扫一扫|二维码|订阅号|查看更多|更多>>|推荐阅读|相关推荐|相关阅读|相关文章|相关内容|相关热词|热门推荐|热门文章|热门[:：]|上一篇|下一篇|我来说两句|客服|打赏|赞赏|投稿|字级|大中小|小中大|TAG|标签|关键词[:：]|本文标题|链接地址|关于本文|范文|阅读次|图文聚焦|手机站|手机版|搜索|广告/i;
// Words that name chrome only on a line that is little more than them: "评论", "下载", "返回首页".
const WEAK_CHROME = /分享|下载|评论|留言|注册|微信|公众号|首页|返回|转发|点赞|热门|栏目|专题/;
const WEAK_CHROME_MAX = 12;
// Site blurbs that introduce a copied document ("下面是小编整理的…, 欢迎借鉴").
const BLURB =
  /小编|欢迎阅读|欢迎借鉴|借鉴与参考|供大家参考|一起参考|仅供参考|仅供学习|希望对大家|希望能帮助|希望对你|分享的内容|以下是.{0,12}(?:整理|分享)/;
const FOOTER_START =
  /推荐阅读|相关推荐|相关阅读|相关文章|相关内容|相关热词|用户评论|网友评论|社群留言|阅读全文|关于本文|上一篇|下一篇/;
/** A related-article link: a title, so at most a title's length. */
const FOOTER_LINK_MAX = 60;
const TOC_START = /^(?:目录|提纲|目录\/提纲)\s*[:：]?/;

const HAN = /[\u3400-\u9fff]/;
const countOf = (text: string, chars: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i] as string)) n++;
  return n;
};

const TABLE_HEADER = /序号|任务|举措|单位|时限|时间节点|指标|目标值|责任/;

/**
 * A row of a table as the readers print it ("1 | 推进紧密型医共体建设 | 市卫健委 | 年底前"): a 任务分工表 or
 * an indicator table is plan content, though its separators look like a menu bar.
 */
export function isTableRow(t: string): boolean {
  if (!t.includes("|")) return false;
  const cells = t.split("|").map((c) => c.trim());
  if (cells.length < 3) return false;
  const chineseCells = cells.filter((c) => /[\u4e00-\u9fff]{2}/.test(c));
  if (chineseCells.length < 2) return false;
  const header = chineseCells.filter((c) => c.length <= 8 && TABLE_HEADER.test(c)).length >= 2;
  const substantive = cells.some((c) => c.length >= 10 && (c.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 6);
  return header || substantive;
}

/** True when one line, on its own, is page noise. */
export function isNoiseLine(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return false;
  if (HEADING_START.test(t)) return false;
  if (isTableRow(t)) return false;
  const len = t.length;
  // A long run of sentences is content: no chrome line is that long (and the checks stay cheap).
  if (len > 300 && SENTENCE_END.test(t)) return false;
  const quantity = hasQuantity(t);
  const hasHan = HAN.test(t);
  // A line without any Chinese character: separators, prices, times. A lone number is a heading marker.
  if (!hasHan) return !/^\d{1,2}$/.test(t) && !quantity;
  // Advert headlines run together: prices in them are no plan's quantities.
  if (/广告/.test(t) && !t.includes("。")) return true;
  if (quantity && len > 40) return false;
  if (BREADCRUMB.test(t) && len <= 100 && !SENTENCE_END.test(t)) return true;
  if (/^[•·●▪■◆◇□]/.test(t)) {
    const rest = t.slice(1).trim();
    if (rest.length <= 12 && !PUNCT.test(rest)) return true;
    if (META_LABEL.test(rest) || (DATE_TIME.test(rest) && rest.length <= 30)) return true;
  }
  if (quantity && !COPYRIGHT.test(t) && !/[¥￥]/.test(t)) return false;
  if (STRONG_CHROME.test(t) && len <= 150) return true;
  if (META_LABEL.test(t) && len <= 100) return true;
  if (GOV_META.test(t) && !SENTENCE_END.test(t)) return true;
  if (DATE_TIME.test(t) && len <= 30 && !SENTENCE_END.test(t)) return true;
  if (CONTACT.test(t) && (len <= 120 || !SENTENCE_END.test(t))) return true;
  if (COPYRIGHT.test(t) && len <= 200) return true;
  if (BLURB.test(t) && len <= 300) return true;
  if (CHROME.test(t) && ((len <= 40 && !t.includes("。")) || (len <= 100 && !/[。,;]/.test(t)))) return true;
  if (WEAK_CHROME.test(t) && !t.includes("。") && (len <= WEAK_CHROME_MAX || /^[【[]|[|>:：]/.test(t)))
    return true;
  // Lines dominated by separators: "a | b | c", "标签x/y/z/".
  if (countOf(t, ">|•/·»") >= 3 && !SENTENCE_END.test(t)) return true;
  if (/^[¥￥]/.test(t)) return true;
  return false;
}

/** A short phrase with no punctuation: a menu item, a category name. */
function isMenuWord(text: string): boolean {
  return text.length <= 8 && !PUNCT.test(text) && !HEADING_START.test(text) && !/^\d+$/.test(text);
}

/**
 * Marks the noise lines of a page. Besides single-line rules: runs of three or more menu words, the table
 * of contents a page prints before the text, and the short lines that follow a footer ("推荐阅读" …).
 */
export function findNoiseLines(lines: readonly Line[]): boolean[] {
  const noise = lines.map((l) => isNoiseLine(l.text));
  // Runs of menu words.
  let runStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line && isMenuWord(line.text)) continue;
    if (i - runStart >= 3) for (let k = runStart; k < i; k++) noise[k] = true;
    runStart = i + 1;
  }
  // A table of contents: its label, then heading-only lines and ellipses.
  for (let i = 0; i < lines.length; i++) {
    if (!TOC_START.test(lines[i]?.text ?? "") || (lines[i]?.text.length ?? 0) > 12) continue;
    noise[i] = true;
    let k = i + 1;
    for (; k < lines.length; k++) {
      const t = lines[k]?.text ?? "";
      const tocEntry =
        (HEADING_START.test(t) && t.length <= 30 && !SENTENCE_END.test(t)) || /^[.…·]+$/.test(t);
      if (!tocEntry) break;
      noise[k] = true;
    }
    i = k - 1;
  }
  // After a footer line in the second half of the page, short lines are the footer's links.
  const half = (lines[lines.length - 1]?.end ?? 0) / 2;
  let inFooter = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]?.text ?? "";
    if (noise[i] && FOOTER_START.test(t) && (lines[i]?.start ?? 0) >= half) {
      inFooter = true;
      continue;
    }
    if (!inFooter) continue;
    if (t.length <= FOOTER_LINK_MAX && !SENTENCE_END.test(t) && !HEADING_START.test(t) && !hasQuantity(t))
      noise[i] = true;
    else if (!noise[i]) inFooter = false;
  }
  return noise;
}
