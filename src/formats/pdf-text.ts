/**
 * The text of a PDF's first pages, with pdf.js (Mozilla's reader, pure JavaScript: its legacy build
 * runs on Node 20). Loaded only when a PDF is read, as it is large. No code from the PDF runs:
 * `isEvalSupported` off, no fonts loaded from the system, and only the first pages are read.
 */
import type { PageText } from '../core/attachments/pdf-clues.js'
import { DataError } from '../core/errors.js'

/** What the first pages hold: each page's lines with their type size, and the Info dictionary's title. */
export interface PdfText {
  pages: PageText[]
  infoTitle: string | null
}

interface TextItem {
  str: string
  hasEOL: boolean
  height: number
}

/** The first `pageCount` pages of the PDF in `bytes`; DataError when it is no PDF pdf.js can read. */
export async function readPdfText(bytes: Uint8Array, source: string, pageCount = 2): Promise<PdfText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  let doc
  try {
    doc = await pdfjs.getDocument({
      data: Uint8Array.from(bytes),
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      stopAtErrors: false,
    }).promise
  } catch (error) {
    throw new DataError(`${source} is not a PDF precis can read: ${(error as Error).message}`)
  }
  try {
    const info: { Title?: unknown } | undefined = (await doc.getMetadata().catch(() => null))?.info
    const pages: PageText[] = []
    for (let n = 1; n <= Math.min(pageCount, doc.numPages); n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      pages.push({ lines: linesOf(content.items.flatMap((item) => ('str' in item ? [item] : []))) })
    }
    return { pages, infoTitle: typeof info?.Title === 'string' ? info.Title : null }
  } finally {
    await doc.destroy()
  }
}

/** pdf.js gives runs of text, each marked when a line ends after it; a line's size is its largest run's. */
function linesOf(items: readonly TextItem[]): PageText['lines'] {
  const lines: PageText['lines'] = []
  let text = ''
  let size = 0
  for (const item of items) {
    text += item.str
    size = Math.max(size, Math.abs(item.height))
    if (item.hasEOL) {
      if (text.trim() !== '') lines.push({ text, size })
      text = ''
      size = 0
    }
  }
  if (text.trim() !== '') lines.push({ text, size })
  return lines
}
