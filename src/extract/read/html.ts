/**
 * HTML → the text a reader sees: scripts, styles, navigation, headers, footers, asides and hidden
 * elements dropped; block elements and <br> become line breaks, table cells are separated by " | ";
 * entities decoded. The charset comes from the BOM, a <meta> declaration or, failing those, detection.
 */
import { Parser } from "htmlparser2";
import iconv from "iconv-lite";
import { decodeText, plausibility } from "./text.js";
import { nestingGuard, tooDeep } from "./nesting.js";

/** Elements whose content is never shown as the page's text. */
const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "title",
  "nav",
  "header",
  "footer",
  "aside",
  "iframe",
  "object",
  "svg",
  "canvas",
  "select",
  "button",
  "form",
]);

const BLOCK = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "center",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "caption",
]);

const CELL = new Set(["td", "th"]);

function isHidden(attribs: Record<string, string>): boolean {
  if ("hidden" in attribs) return true;
  if (attribs["aria-hidden"] === "true") return true;
  const style = (attribs.style ?? "").toLowerCase().replace(/\s+/g, "");
  return style.includes("display:none") || style.includes("visibility:hidden");
}

/** The charset a page declares in its first bytes (`<meta charset>` or the http-equiv content type). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const name = match?.[1]?.toLowerCase();
  if (!name) return null;
  // Pages labelled gb2312 are routinely GBK or GB18030: decode with the superset.
  if (name === "gb2312" || name === "gbk" || name === "x-gbk") return "gb18030";
  return iconv.encodingExists(name) ? name : null;
}

function decodeHtml(bytes: Uint8Array): { html: string; encoding: string } {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? null : declaredCharset(bytes);
  if (declared) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const html = iconv.decode(buffer, declared);
    // Pages re-saved in another encoding keep their old <meta>: trust it only if it decodes cleanly.
    if (plausibility(html.slice(0, 65_536)).replacements <= 3) return { html, encoding: declared };
  }
  const { text, encoding } = decodeText(bytes);
  return { html: text, encoding };
}

/** Visible text of an HTML document (already decoded). */
export function htmlToText(html: string): string {
  const out: string[] = [];
  // One entry per open element: whether it (or an ancestor) hides its content.
  const hidden: boolean[] = [];
  let preDepth = 0;
  const hiddenNow = (): boolean => hidden[hidden.length - 1] ?? false;
  const newline = (): void => {
    if (out.length > 0 && out[out.length - 1] !== "\n") out.push("\n");
  };
  const parser = new Parser(
    nestingGuard(
      {
        onopentag(name, attribs) {
          const hide = hiddenNow() || SKIPPED.has(name) || isHidden(attribs);
          hidden.push(hide);
          if (hide) return;
          if (name === "pre") preDepth++;
          if (name === "br") out.push("\n");
          else if (BLOCK.has(name)) newline();
          else if (CELL.has(name)) {
            while (out[out.length - 1] === " ") out.pop();
            const last = out[out.length - 1];
            if (last !== undefined && last !== "\n") out.push(" | ");
          }
        },
        ontext(text) {
          if (hiddenNow()) return;
          if (preDepth > 0) {
            out.push(text);
            return;
          }
          let collapsed = text.replace(/[ \t\r\n\f]+/g, " ");
          if (out.length === 0 || out[out.length - 1] === "\n") collapsed = collapsed.replace(/^ /, "");
          if (collapsed !== "") out.push(collapsed);
        },
        onclosetag(name) {
          const hide = hidden.pop() ?? false;
          if (hide) return;
          if (name === "pre") preDepth--;
          if (BLOCK.has(name)) newline();
        },
      },
      tooDeep("corrupt_html"),
    ),
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/[ \u00a0]+$/, ""))
    .filter((line, i, lines) => line !== "" || (i > 0 && lines[i - 1] !== ""))
    .join("\n")
    .trim();
}

/** Bytes of an HTML file → visible text and the charset used. */
export function readHtml(bytes: Uint8Array): { text: string; encoding: string } {
  const { html, encoding } = decodeHtml(bytes);
  return { text: htmlToText(html), encoding };
}
