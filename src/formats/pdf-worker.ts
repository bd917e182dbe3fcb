/**
 * The worker thread pdf-text.ts reads a PDF in, under a memory limit: built as dist/pdf-worker.js
 * (scripts/build.mjs). Replies with the text, or the DataError's message, or another error's.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DataError } from '../core/errors.js'
import { readPdfTextHere } from './pdf-text.js'

const { bytes, source, pageCount } = workerData as { bytes: Uint8Array; source: string; pageCount: number }
readPdfTextHere(bytes, source, pageCount).then(
  (text) => parentPort!.postMessage({ text }),
  (error: unknown) =>
    parentPort!.postMessage(
      error instanceof DataError ? { dataError: error.message } : { error: String((error as Error)?.message ?? error) },
    ),
)
