/** The search fixture library (test/fixtures/search/library.json), validated like a real library file. */
import { readFileSync } from 'node:fs'
import type { Library, Paper, Summary } from '../../../src/core/model.js'
import { parseLibrary } from '../../../src/core/schema/schema.js'

const path = new URL('../../fixtures/search/library.json', import.meta.url)

export function searchFixture(): Library {
  return parseLibrary(readFileSync(path, 'utf8'), 'library.json')
}

/** A small library built from object literals: one summary per paper, ids = keys. */
export function tinyLibrary(
  items: { key: string; title?: string; body?: string; tags?: string[]; year?: number; updated?: string; authors?: string[] }[],
): Library {
  const papers: Paper[] = items.map((item) => ({
    key: item.key,
    title: item.title ?? `Paper ${item.key}`,
    authors: item.authors ?? [],
    year: item.year ?? 2020,
    venue: null,
    arxiv: null,
    doi: null,
    url: null,
    abstract: null,
    added: '2024-01-01T00:00:00.000Z',
  }))
  const summaries: Summary[] = items.map((item) => ({
    id: item.key,
    paper: item.key,
    by: '',
    body: item.body ?? '',
    tags: item.tags ?? [],
    created: '2024-01-01T00:00:00.000Z',
    updated: item.updated ?? '2024-01-01T00:00:00.000Z',
  }))
  return { format: 'precis-library', version: 2, papers, summaries, trash: [] }
}
