/**
 * Bytes of an uploaded document → its text, for the importer. The document reader of the extractor
 * (`src/extract/read/`) replaces the body of `decodeDocument` once it lands; until then plain UTF-8 text.
 */
import { errors } from "./errors.js";

export const supportedFormats = ["txt"] as const;

/** The format named by a file's extension, or null when we cannot read it. */
export function formatOf(fileName: string): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "txt" || ext === "text") return "txt";
  return null;
}

export function decodeDocument(bytes: Uint8Array, fileName: string): { text: string; format: string } {
  const format = formatOf(fileName);
  if (!format) throw errors.unsupportedType(fileName, supportedFormats);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw errors.undecodable(fileName, "not valid UTF-8 text");
  }
  if (text.replace(/\s/g, "").length === 0) throw errors.undecodable(fileName, "the document is empty");
  return { text: text.replace(/^\uFEFF/, ""), format };
}
