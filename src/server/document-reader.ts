/**
 * Bytes of an uploaded document → its text, for the importer, through the extractor's document readers
 * (txt in any common encoding, html, docx, pdf). Their errors become the API's: an unknown or binary
 * format is 415, a file over the limit 413, an empty, undecodable or corrupt one 422.
 */
import { DocumentError, readDocument, type DocumentErrorCode } from "../extract/read/index.js";
import { AppError, errors } from "./errors.js";

export const supportedFormats = ["txt", "html", "docx", "pdf"] as const;

function toAppError(error: DocumentError, fileName: string): AppError {
  const code: DocumentErrorCode = error.code;
  switch (code) {
    case "unknown_format":
    case "binary":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", 415, error.messageZh, error.messageEn, {
        fileName,
        supported: supportedFormats,
      });
    case "too_large":
      return new AppError("PAYLOAD_TOO_LARGE", 413, error.messageZh, error.messageEn, { fileName });
    case "empty":
    case "undecodable":
    case "corrupt_docx":
    case "corrupt_pdf":
    case "corrupt_html":
      return new AppError("UNDECODABLE_DOCUMENT", 422, error.messageZh, error.messageEn, {
        fileName,
        reason: code,
      });
  }
}

export async function decodeDocument(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ text: string; format: string }> {
  try {
    const { text, format } = await readDocument(bytes, fileName);
    return { text, format };
  } catch (error) {
    if (error instanceof DocumentError) throw toAppError(error, fileName);
    // A parser that fails in a way of its own: still the document's fault as far as the user can act on
    // it, and its internal message (module paths, stack) is no business of the user's.
    throw errors.undecodable(fileName, "unreadable");
  }
}
