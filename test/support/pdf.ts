/**
 * Tiny PDFs for tests, written by hand: each page's lines in Helvetica, top to bottom, and an
 * optional document title in the Info dictionary. Byte offsets in the cross-reference table are
 * exact, so strict readers (pdf.js, pdftotext) read them without repairing anything.
 */

export interface PdfSpec {
  /** Each page's lines of text (ASCII: the standard font's encoding). */
  pages: string[][]
  /** The document's Title in its Info dictionary. */
  title?: string
}

const escape = (text: string) => text.replace(/[\\()]/g, (ch) => '\\' + ch)

export function makePdf(spec: PdfSpec): Buffer {
  const objects: string[] = []
  const pageIds = spec.pages.map((_, i) => 4 + i * 2)
  const fontId = 4 + spec.pages.length * 2
  const infoId = fontId + 1
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>'
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`
  objects[3] = '<< >>' // unused: keeps the numbering plain
  spec.pages.forEach((lines, i) => {
    const content = `BT /F1 12 Tf 72 720 Td ${lines.map((line, j) => `${j === 0 ? '' : '0 -16 Td '}(${escape(line)}) Tj`).join(' ')} ET`
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageIds[i]! + 1} 0 R /Resources << /Font << /F1 ${fontId} 0 R >> >> >>`
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`
  })
  objects[fontId] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
  objects[infoId] = spec.title === undefined ? '<< >>' : `<< /Title (${escape(spec.title)}) >>`
  let text = '%PDF-1.4\n'
  const offsets: number[] = []
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(text, 'latin1')
    text += `${id} 0 obj\n${objects[id]}\nendobj\n`
  }
  const xref = Buffer.byteLength(text, 'latin1')
  text += `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let id = 1; id < objects.length; id++) text += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`
  text += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(text, 'latin1')
}
