/** The one error type of the document readers: a code an adapter can switch on, and a message in both languages. */

export type DocumentErrorCode =
  | "empty"
  | "too_large"
  | "unknown_format"
  | "binary"
  | "undecodable"
  | "corrupt_docx"
  | "corrupt_pdf"
  | "corrupt_html";

const MESSAGES: Record<DocumentErrorCode, { zh: string; en: string }> = {
  empty: { zh: "文件为空", en: "empty file" },
  too_large: { zh: "文件过大", en: "file too large" },
  unknown_format: { zh: "不支持的文件格式", en: "unsupported format" },
  binary: { zh: "不是文本文件", en: "binary content" },
  undecodable: { zh: "无法识别文字编码", en: "undecodable encoding" },
  corrupt_docx: { zh: "不是有效的 Word 文档", en: "corrupt docx" },
  corrupt_pdf: { zh: "不是有效的 PDF 文档", en: "corrupt pdf" },
  corrupt_html: { zh: "不是有效的网页文档", en: "corrupt html" },
};

export class DocumentError extends Error {
  override readonly name = "DocumentError";
  readonly code: DocumentErrorCode;
  /** Chinese message for the people using the software, e.g. "不是有效的 Word 文档". */
  readonly messageZh: string;
  /** English message with the detail, e.g. "corrupt docx: no word/document.xml". */
  readonly messageEn: string;
  /** What exactly is wrong, when known (English, technical). */
  readonly detail: string | undefined;

  constructor(code: DocumentErrorCode, detail?: string) {
    const { zh, en } = MESSAGES[code];
    const messageEn = detail ? `${en}: ${detail}` : en;
    super(`${zh} (${messageEn})`);
    this.code = code;
    this.messageZh = zh;
    this.messageEn = messageEn;
    this.detail = detail;
  }
}
