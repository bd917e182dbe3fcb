/**
 * The text of a PDF's first pages, with pdf.js (Mozilla's reader, pure JavaScript: its legacy build
 * runs on Node 20). Loaded only when a PDF is read, as it is large. No code from the PDF runs:
 * `isEvalSupported` off, no fonts loaded from the system, and only the first pages are read.
 */
import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { PageText } from '../core/attachments/pdf-clues.js'
import { DataError } from '../core/errors.js'
import { formatBytes } from '../core/text/sizes.js'

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

/** How much memory reading one PDF may take: pdf.js repairing a damaged file can take 40 bytes a byte (see readPdfText). */
const MEMORY_MB = 512

/**
 * The keyword each object of a PDF is written with (`1 0 obj`), object streams included: a file
 * without it holds no page pdf.js could read, and is refused without loading pdf.js or letting it
 * repair the file, which for 16 MB of zeros after a header took seconds.
 */
const OBJECT_KEYWORD = Buffer.from('obj')

/**
 * The first `pageCount` pages of the PDF in `bytes`; DataError when it is no PDF pdf.js can read.
 * Read in a worker thread with a memory limit: pdf.js repairing a file whose cross-reference table
 * is missing reads each run of bytes without a line break as one string built a character at a
 * time, about 40 bytes of memory a byte, so a file of zeros within the attachment limit ran
 * precis out of memory (a crash, not an error). Run from the sources (tests of this module), where
 * no built worker lies beside it, it is read here.
 */
export async function readPdfText(bytes: Uint8Array, source: string, pageCount = 2): Promise<PdfText> {
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(OBJECT_KEYWORD) === -1)
    throw new DataError(`${source} is not a PDF precis can read: it holds no PDF object`)
  const script = new URL('./pdf-worker.js', import.meta.url)
  if (!existsSync(script)) return readPdfTextHere(bytes, source, pageCount)
  const worker = new Worker(script, {
    workerData: { bytes, source, pageCount },
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
    stdout: true,
    stderr: true,
  })
  try {
    type Reply = { text: PdfText } | { dataError: string } | { error: string }
    const reply = await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`The PDF reader stopped (exit code ${code}) before reading ${source}`)))
    })
    if ('text' in reply) return reply.text
    if ('dataError' in reply) throw new DataError(reply.dataError)
    throw new Error(reply.error)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
      throw new DataError(`${source} is not a PDF precis can read: reading it took more than ${formatBytes(MEMORY_MB * 2 ** 20)} of memory`)
    throw error
  } finally {
    await worker.terminate()
  }
}

/** readPdfText in this thread: what the worker (pdf-worker.ts) runs. */
export async function readPdfTextHere(bytes: Uint8Array, source: string, pageCount: number): Promise<PdfText> {
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
