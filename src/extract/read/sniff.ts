/** Which reader a file needs: by its magic bytes first (a renamed file is still what it is), then by its name. */
import { DocumentError } from "./errors.js";

export type DocumentFormat = "txt" | "html" | "docx" | "pdf";

const startsWith = (bytes: Uint8Array, magic: number[], at = 0): boolean =>
  magic.every((b, i) => bytes[at + i] === b);

/** Formats we recognise but cannot read, with what to tell the user. */
const BINARY_MAGIC: Array<{ magic: number[]; what: string }> = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: "legacy Office file (.doc/.wps): save it as .docx" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "GIF image" },
  { magic: [0x1f, 0x8b], what: "gzip archive" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "RAR archive" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "7z archive" },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: "executable" },
  { magic: [0x4d, 0x5a], what: "executable" },
];

const EXTENSIONS: Record<string, DocumentFormat> = {
  txt: "txt",
  text: "txt",
  md: "txt",
  csv: "txt",
  html: "html",
  htm: "html",
  xhtml: "html",
  shtml: "html",
  docx: "docx",
  pdf: "pdf",
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).toLowerCase();
  return (
    /^(\ufeff|ï»¿)?\s*(<!doctype html|<html|<head|<body|<meta|<!--)/.test(head) || /<html[\s>]/.test(head)
  );
}

/** The format to read `bytes` as. Throws for content of a known non-document kind. */
export function detectFormat(bytes: Uint8Array, fileName: string): DocumentFormat {
  const ext = extensionOf(fileName);
  const byName = EXTENSIONS[ext];
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return "docx";
  const binary = BINARY_MAGIC.find((m) => startsWith(bytes, m.magic));
  if (binary) {
    if (byName === "docx") throw new DocumentError("corrupt_docx", `not a zip archive but a ${binary.what}`);
    if (byName === "pdf") throw new DocumentError("corrupt_pdf", `no PDF header but a ${binary.what}`);
    throw new DocumentError("unknown_format", binary.what);
  }
  if (byName === "docx") throw new DocumentError("corrupt_docx", "not a zip archive");
  if (byName === "pdf") throw new DocumentError("corrupt_pdf", "no %PDF header");
  if (byName === "html" || looksLikeHtml(bytes)) return "html";
  return "txt";
}
