/**
 * PDF → text from its text layer (no OCR: a scanned PDF yields no text). pdf.js runs in-process (its
 * "fake worker"), offline, with the CMaps and standard fonts shipped in the pdfjs-dist package so that
 * Chinese PDFs using Adobe-GB1/CNS1 encodings decode. Text items are joined into lines by their baseline.
 */
import type * as PdfJsModule from "pdfjs-dist/legacy/build/pdf.mjs";
import { DocumentError } from "./errors.js";

type PdfJs = typeof PdfJsModule;

/** The parts of a pdf.js text item the line builder uses. */
export interface TextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

let pdfjs: Promise<PdfJs> | null = null;

// Loaded on first use: pdf.js is large and most documents are not PDFs.
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

/** Where pdfjs-dist keeps its data files (a directory path with a trailing slash), or undefined. */
function packageData(dir: string): string | undefined {
  try {
    const url = new URL(`./${dir}/`, import.meta.resolve("pdfjs-dist/package.json"));
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

/** Lines of one page: items sharing a baseline (within half a glyph height), top to bottom, left to right. */
export function itemsToLines(items: TextRun[]): string[] {
  const placed = items
    .filter((it) => it.str !== "")
    .map((it) => ({
      str: it.str,
      x: it.transform[4] ?? 0,
      y: it.transform[5] ?? 0,
      width: it.width,
      size: Math.max(Math.abs(it.transform[3] ?? 0), it.height, 1),
    }));
  placed.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; size: number; parts: typeof placed }> = [];
  for (const item of placed) {
    const line = lines.find((l) => Math.abs(l.y - item.y) <= Math.min(l.size, item.size) / 2);
    if (line) line.parts.push(item);
    else lines.push({ y: item.y, size: item.size, parts: [item] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines.map((line) => {
    line.parts.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const part of line.parts) {
      // A visible gap between two runs is a word space; touching runs are one word.
      if (text !== "" && part.x - end > part.size * 0.25 && !text.endsWith(" ")) text += " ";
      text += part.str;
      end = part.x + part.width;
    }
    return text.trimEnd();
  });
}

/** Bytes of a PDF → the text of its pages, pages separated by a blank line. Throws "corrupt_pdf". */
export async function readPdf(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy. A plain Uint8Array, as
  // pdf.js refuses a Node Buffer — and Buffer#slice is a view, not a copy — which uploads arrive as.
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: packageData("cmaps"),
    cMapPacked: true,
    standardFontDataUrl: packageData("standard_fonts"),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw new DocumentError("corrupt_pdf", (error as Error).message);
    });
    const pages: string[] = [];
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const items: TextRun[] = content.items.flatMap((it) => ("str" in it ? [it] : []));
        pages.push(itemsToLines(items).join("\n"));
        page.cleanup();
      }
    } catch (error) {
      // A file whose header parses can still break on a page (bad xref, truncated stream).
      throw new DocumentError("corrupt_pdf", (error as Error).message);
    }
    return pages.join("\n\n").trim();
  } finally {
    await task.destroy();
  }
}
