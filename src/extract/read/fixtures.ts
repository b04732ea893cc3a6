/**
 * Builders of small, valid documents for tests (readers, CLI): a .docx zipped with fflate and a PDF
 * written object by object with a ToUnicode CMap, so Chinese text has a text layer without a font file.
 */
import { zipSync, strToU8 } from "fflate";

/** A paragraph (plain, or numbered by a list or a style) or a table. */
export type DocxBlock =
  string | { text: string; numId?: string; ilvl?: number; style?: string } | { table: string[][] };

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const paragraphXml = (text: string, props = ""): string =>
  `<w:p><w:pPr>${props}<w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;

function blockXml(b: DocxBlock): string {
  if (typeof b === "string") return paragraphXml(b);
  if ("table" in b) {
    const rows = b.table.map(
      (row) => `<w:tr>${row.map((c) => `<w:tc><w:tcPr/>${paragraphXml(c)}</w:tc>`).join("")}</w:tr>`,
    );
    return `<w:tbl><w:tblPr/>${rows.join("")}</w:tbl>`;
  }
  const style = b.style ? `<w:pStyle w:val="${b.style}"/>` : "";
  const num = b.numId
    ? `<w:numPr><w:ilvl w:val="${b.ilvl ?? 0}"/><w:numId w:val="${b.numId}"/></w:numPr>`
    : "";
  return paragraphXml(b.text, style + num);
}

/** The main document part of a .docx holding paragraphs and tables. */
export function documentXml(blocks: DocxBlock[]): string {
  const body = blocks.map(blockXml).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`
  );
}

/** A minimal .docx; `parts` adds or replaces zip entries (to build broken files). */
export function buildDocx(blocks: DocxBlock[], parts: Record<string, string> = {}): Uint8Array {
  const files: Record<string, string> = {
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    "_rels/.rels":
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    "word/document.xml": documentXml(blocks),
    ...parts,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

export interface PdfLine {
  text: string;
  x: number;
  y: number;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

/**
 * A one-page-per-entry PDF whose text layer holds the given lines (any Unicode text of the BMP). Each
 * distinct character gets a CID of an Identity-H font; the ToUnicode CMap maps it back.
 */
export function buildPdf(
  pages: PdfLine[][],
  options: { encoding: "identity" | "UniGB-UCS2-H" } = { encoding: "identity" },
): Uint8Array {
  // UniGB-UCS2-H: the codes are UCS-2 and no ToUnicode map is given, as with the non-embedded SimSun of
  // many Chinese office PDFs; the reader then needs the predefined Adobe-GB1 CMaps.
  const predefined = options.encoding === "UniGB-UCS2-H";
  const cids = new Map<string, number>();
  for (const line of pages.flat()) for (const ch of line.text) if (!cids.has(ch)) cids.set(ch, cids.size + 1);
  const cmapEntries = [...cids].map(([ch, cid]) => `<${hex4(cid)}> <${hex4(ch.charCodeAt(0))}>`);
  const chunks: string[] = [];
  for (let i = 0; i < cmapEntries.length; i += 100) {
    const part = cmapEntries.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.join("\n")}\nendbfchar`);
  }
  const cmap =
    `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n` +
    `/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n` +
    `1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${chunks.join("\n")}\nendcmap\nCMapName currentdict /CIDFont defineresource pop\nend\nend`;

  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const stream = (content: string): string =>
    `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
  const catalog = add("");
  const pagesObj = add("");
  const toUnicode = add(stream(cmap));
  const descriptor = add(
    `<< /Type /FontDescriptor /FontName /TestSans /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>`,
  );
  const cidFont = add(
    predefined
      ? `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`
      : `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>`,
  );
  const font = add(
    predefined
      ? `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`
      : `<< /Type /Font /Subtype /Type0 /BaseFont /TestSans /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
  );
  const pageIds: number[] = [];
  for (const lines of pages) {
    const ops = lines
      .map((l) => {
        const codes = [...l.text]
          .map((ch) => hex4(predefined ? ch.charCodeAt(0) : (cids.get(ch) ?? 0)))
          .join("");
        return `BT /F1 12 Tf ${l.x} ${l.y} Td <${codes}> Tj ET`;
      })
      .join("\n");
    const content = add(stream(ops));
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;

  let out = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
