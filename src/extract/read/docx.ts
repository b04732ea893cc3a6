/**
 * Word (.docx) → text: the body's paragraphs in order, tables row by row with cells separated by " | "
 * so a 任务分工表 stays one readable line per task; automatic list numbering ("一、", "(一)") is
 * regenerated in front of its paragraphs (docx-numbering.ts). Deleted revisions, field codes and the duplicate
 * fallback copy of text boxes are skipped. The zip is checked before it is inflated: entry count and
 * declared sizes are capped, and no entry can inflate past its declared size, so a zip bomb is refused.
 */
import { unzipSync, type UnzipFileInfo } from "fflate";
import { Parser } from "htmlparser2";
import { Numbering, type NumberingRef } from "./docx-numbering.js";
import { DocumentError } from "./errors.js";
import { nestingGuard, tooDeep } from "./nesting.js";

export const DOCX_LIMITS = {
  /** Total declared uncompressed size of the entries we inflate. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
};

const DOCUMENT = "word/document.xml";
const NUMBERING = "word/numbering.xml";
const STYLES = "word/styles.xml";
const PARTS = new Set([DOCUMENT, NUMBERING, STYLES]);

function unzipParts(bytes: Uint8Array, limits: typeof DOCX_LIMITS): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  // Other Office files are zips too: name them rather than call them broken Word files.
  let kind: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file: UnzipFileInfo) {
        entries++;
        if (file.name.startsWith("xl/")) kind = "an Excel workbook (.xlsx)";
        else if (file.name.startsWith("ppt/")) kind = "a PowerPoint file (.pptx)";
        if (entries > limits.maxEntries) {
          throw new DocumentError("corrupt_docx", `more than ${limits.maxEntries} zip entries`);
        }
        if (!PARTS.has(file.name)) return false;
        total += file.originalSize;
        if (total > limits.maxUncompressedBytes) {
          throw new DocumentError(
            "corrupt_docx",
            `${file.name} inflates past ${limits.maxUncompressedBytes} bytes`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError("corrupt_docx", `not a zip archive (${(error as Error).message})`);
  }
  if (!files[DOCUMENT]) {
    if (kind) throw new DocumentError("unknown_format", `${kind}, not a Word document`);
    throw new DocumentError("corrupt_docx", `no ${DOCUMENT}`);
  }
  return files;
}

/** Text of a WordprocessingML main document part, with list markers regenerated from `numbering`. */
export function documentXmlToText(xml: string, numbering: Numbering = new Numbering(null, null)): string {
  const lines: string[] = [];
  // Open paragraphs (text boxes nest paragraphs inside paragraphs) and the numbering each one asks for.
  const paragraphs: string[][] = [];
  const refs: Array<{ style: NumberingRef | undefined; numId: string | null; ilvl: number | null }> = [];
  let inPPr = 0;
  // Open tables: the cells of the current row and the paragraphs of the current cell.
  const tables: Array<{ row: string[]; cell: string[] }> = [];
  let textDepth = 0;
  let skipDepth = 0;

  const emit = (line: string): void => {
    const table = tables[tables.length - 1];
    if (table) table.cell.push(line);
    else lines.push(line);
  };
  const append = (s: string): void => {
    paragraphs[paragraphs.length - 1]?.push(s);
  };

  const parser = new Parser(
    nestingGuard(
      {
        onopentag(name, attribs) {
          if (skipDepth > 0 || name === "w:delText" || name === "w:instrText" || name === "mc:Fallback") {
            skipDepth++;
            return;
          }
          const ref = refs[refs.length - 1];
          if (inPPr > 0 && ref) {
            const val = attribs["w:val"];
            if (name === "w:pStyle" && val) ref.style = numbering.styleNumbering(val);
            else if (name === "w:numId" && val !== undefined) ref.numId = val;
            else if (name === "w:ilvl" && val !== undefined) ref.ilvl = Number(val);
          }
          switch (name) {
            case "w:p":
              paragraphs.push([]);
              refs.push({ style: undefined, numId: null, ilvl: null });
              break;
            case "w:pPr":
              inPPr++;
              break;
            case "w:t":
              textDepth++;
              break;
            case "w:tab":
              append(tables.length > 0 ? " " : "\t");
              break;
            case "w:br":
            case "w:cr":
              append(tables.length > 0 ? " " : "\n");
              break;
            case "w:tbl":
              tables.push({ row: [], cell: [] });
              break;
            case "w:tc": {
              const table = tables[tables.length - 1];
              if (table) table.cell = [];
              break;
            }
            default:
              break;
          }
        },
        ontext(text) {
          if (skipDepth === 0 && textDepth > 0) append(text);
        },
        onclosetag(name) {
          if (skipDepth > 0) {
            skipDepth--;
            return;
          }
          switch (name) {
            case "w:p": {
              const text = (paragraphs.pop() ?? []).join("");
              const ref = refs.pop();
              // Direct numbering overrides the style's; numId 0 switches numbering off.
              const numId = ref?.numId ?? ref?.style?.numId ?? null;
              const ilvl = ref?.ilvl ?? ref?.style?.ilvl ?? 0;
              const marker =
                numId && numId !== "0" && text.trim() !== "" ? numbering.next({ numId, ilvl }) : "";
              if (tables.length > 0 ? text.trim() !== "" : true) emit(marker + text);
              break;
            }
            case "w:pPr":
              inPPr--;
              break;
            case "w:t":
              textDepth--;
              break;
            case "w:tc": {
              const table = tables[tables.length - 1];
              if (table) table.row.push(table.cell.join(" ").trim());
              break;
            }
            case "w:tr": {
              const table = tables[tables.length - 1];
              if (!table) break;
              const row = table.row;
              table.row = [];
              table.cell = [];
              // A row of a nested table belongs to the enclosing cell.
              const line = row.join(" | ");
              if (row.some((c) => c !== "")) {
                if (tables.length > 1) tables[tables.length - 2]?.cell.push(line);
                else lines.push(line);
              }
              break;
            }
            case "w:tbl":
              tables.pop();
              break;
            default:
              break;
          }
        },
      },
      tooDeep("corrupt_docx"),
    ),
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Bytes of a .docx file → its text. Throws `DocumentError` "corrupt_docx". */
export function readDocx(bytes: Uint8Array, limits: typeof DOCX_LIMITS = DOCX_LIMITS): string {
  const parts = unzipParts(bytes, limits);
  const text = (name: string): string | null => {
    const part = parts[name];
    return part ? new TextDecoder("utf-8").decode(part) : null;
  };
  const xml = text(DOCUMENT) ?? "";
  if (!/<w:body[\s>]/.test(xml)) throw new DocumentError("corrupt_docx", `${DOCUMENT} has no body`);
  return documentXmlToText(xml, new Numbering(text(NUMBERING), text(STYLES)));
}
