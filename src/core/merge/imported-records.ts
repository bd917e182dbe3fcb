/**
 * What every import format produces: papers with the summaries that came with them, before they meet
 * the library. Fields the input did not carry are null; the merge (src/core/merge/import-merge.ts) fills them in.
 */
import type { Paper } from '../model.js'

/** A paper as read from an import file. */
export interface ImportedPaper extends Omit<Paper, 'key' | 'added'> {
  /** The citekey the input gave, or null to have one made. */
  key: string | null
  /** When the paper entered the library the input came from, or null for "now". */
  added: string | null
}

/** A summary as read from an import file. */
export interface ImportedSummary {
  /** The id the input gave, or null to have one made. */
  id: string | null
  by: string
  /** Markdown body, exactly as read. */
  body: string
  /** Normalised tags. */
  tags: string[]
  /** ISO timestamps, or null for "now". */
  created: string | null
  updated: string | null
}

/** One paper from the input and its summaries (possibly none: a `.bib` entry without a note). */
export interface ImportRecord {
  /** Where the record came from, for messages: `notes/a.md`, `refs.bib, entry gilmer2017neural`. */
  origin: string
  paper: ImportedPaper
  summaries: ImportedSummary[]
}

/** A record that could not be read, and why. */
export interface ImportProblem {
  /** Where: a file name, or a file and an entry. */
  origin: string
  reason: string
}

/** What a reader returns: the records it understood and the problems it found. */
export interface ImportResult {
  records: ImportRecord[]
  problems: ImportProblem[]
}

/** A paper with nothing known but its title. */
export function bareImportedPaper(title: string): ImportedPaper {
  return { key: null, title, authors: [], year: null, venue: null, arxiv: null, doi: null, url: null, abstract: null, added: null }
}
