/**
 * Document readers: the bytes of a .txt, .html, .docx or .pdf file → its text, for `extractDocument`.
 * Pure (bytes in, text out): the caller reads the file. Bad input throws a `DocumentError`.
 *
 * @example
 *   const { text, format, encoding } = await readDocument(bytes, "2024年工作要点.docx");
 *   const plans = extractDocument(text).plans;
 */
import { readDocx } from "./docx.js";
import { DocumentError } from "./errors.js";
import { readHtml } from "./html.js";
import { readPdf } from "./pdf.js";
import { detectFormat, type DocumentFormat } from "./sniff.js";
import { decodeText } from "./text.js";

export { DocumentError, type DocumentErrorCode } from "./errors.js";
export type { DocumentFormat } from "./sniff.js";

/** Files above this size are refused before any parsing. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface ReadDocument {
  text: string;
  format: DocumentFormat;
  /** The character encoding found, for text and HTML files. */
  encoding?: string;
}

export async function readDocument(bytes: Uint8Array, fileName: string): Promise<ReadDocument> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new DocumentError("too_large", `${bytes.length} bytes, the limit is ${MAX_DOCUMENT_BYTES}`);
  }
  if (bytes.length === 0) throw new DocumentError("empty");
  const format = detectFormat(bytes, fileName);
  let result: ReadDocument;
  switch (format) {
    case "txt": {
      const { text, encoding } = decodeText(bytes);
      result = { text, format, encoding };
      break;
    }
    case "html": {
      const { text, encoding } = readHtml(bytes);
      result = { text, format, encoding };
      break;
    }
    case "docx":
      result = { text: readDocx(bytes), format };
      break;
    case "pdf":
      result = { text: await readPdf(bytes), format };
      break;
  }
  if (result.text.trim() === "") {
    throw new DocumentError("empty", format === "pdf" ? "no text layer (a scanned PDF?)" : "no text");
  }
  return result;
}
