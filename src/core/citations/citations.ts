/**
 * Citations between summaries: `\cite{key}` (and natbib/biblatex's `\citep`, `\citet`, ...),
 * Pandoc's `[@key]` / `[see @a, p. 3; @b]`, and a bare `@key`.
 *
 * A bare `@key` is an in-text citation only when it names a paper in the library: elsewhere it is
 * a handle, a decorator or an address, and stays text. `@` after a letter, digit, dot or slash is
 * never a citation (`ada@example.org`, `medium.com/@someone`), and nothing inside code or math is.
 */
import { escaped, inSpans, protectedSpans, type Span } from './scan.js'
import type { Library, PaperOutline, Summary, SummaryOutline } from '../model.js'
import { escapeRegex } from '../text/regex.js'

export type CitationForm = 'latex' | 'pandoc' | 'bare'

/** One citation as written in a body. */
export interface Citation {
  /** The keys as written, in order: several for `\cite{a,b}`, one otherwise. */
  keys: string[]
  form: CitationForm
  /**
   * Part of the sentence rather than a parenthetical: `\citet`, `\textcite`, `\citeauthor`,
   * `\citealt` and a bare `@key`. (Pandoc's bracketed form carries its brackets in the text.)
   */
  textual: boolean
  /** The year only, author left out: Pandoc's `[-@key]`, LaTeX's `\\citeyear`. */
  suppressAuthor: boolean
  /** LaTeX's optional notes: `\\citep[see][p.~3]{key}` has prefix `see` and suffix `p.~3` ('' when absent). */
  prefix: string
  suffix: string
  /** Where it is: the whole command for LaTeX, `@key` (or `-@key`) for the Pandoc forms. */
  start: number
  end: number
}

// Pandoc's citation key: starts with a letter, digit or _, with punctuation only inside it.
// It ends where it cannot go on: `@ada@example.org` is not `@ad` followed by text.
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*(?![\p{L}\p{N}_@]|[:.#$%&\-+?<>~/][\p{L}\p{N}_@])`
const LATEX =
  /\\(cite|citep|citet|citealp|citealt|citeauthor|citeyear|parencite|textcite|autocite|footcite)\*?(?:\[([^\]\n]*)\])?(?:\[([^\]\n]*)\])?\{([^{}\n]*)\}/g
// A bracketed group that holds citations; not a link (`[...](`), a reference (`[...][`) or a definition (`[...]:`).
const BRACKET = /\[([^[\]\n]*@[^[\]\n]*)\](?![([:])/g
// The look-behind comes after the `@` so the engine jumps from `@` to `@` (five times faster than before it).
// Made when a body first looks like it cites: with `u` and its \p classes each took ~0.3 ms to make,
// at the start of every read that loads this module (most never extract citations).
let keyPatterns: { inBracket: RegExp; bare: RegExp } | undefined
const citationKeys = () =>
  (keyPatterns ??= {
    inBracket: new RegExp(String.raw`-?@(?<=(?:^|[\s;])-?@)(${KEY})`, 'gu'),
    // The curly quotes as escapes (the pattern reads them as the characters): the built file stays ASCII (scripts/build.mjs).
    bare: new RegExp(String.raw`@(?<=(?:^|[\s({"'\u201C\u2018*_])@)(${KEY})`, 'gu'),
  })
// The LaTeX form's command, looked for only in a body holding `cite`: the pattern alone tries every
// backslash, which math-heavy bodies are full of (~4x the time of both plain searches).
const LATEX_QUICK = /\\[a-z]*cite/
const TEXTUAL_COMMANDS = new Set(['citet', 'textcite', 'citeauthor', 'citealt'])

/** Whether `body` may hold a citation: extractCitations finds none in a body for which this is false. */
export function mayHoldCitations(body: string): boolean {
  return body.includes('@') || (body.includes('cite') && LATEX_QUICK.test(body))
}

/** Every citation in `body`, in order of position (bare `@key`s included: resolution decides). */
export function extractCitations(body: string): Citation[] {
  if (!mayHoldCitations(body)) return []
  // Code and math are only mapped once something looks like a citation.
  let spans: readonly Span[] | null = null
  const free = (index: number) => !inSpans((spans ??= protectedSpans(body)), index)
  const found: Citation[] = []
  const { inBracket, bare } = citationKeys()
  for (const match of body.matchAll(LATEX)) {
    if (!free(match.index) || escaped(body, match.index)) continue
    const [, command, first, second, list] = match as unknown as [string, string, string | undefined, string | undefined, string]
    const keys = list
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== '')
    // natbib: one optional argument is a suffix (`[p.~3]`), two are prefix and suffix.
    const [prefix, suffix] = second === undefined ? ['', first ?? ''] : [first ?? '', second]
    const textual = TEXTUAL_COMMANDS.has(command)
    const suppressAuthor = command === 'citeyear'
    if (keys.length > 0)
      found.push({ keys, form: 'latex', textual, suppressAuthor, prefix, suffix, start: match.index, end: match.index + match[0].length })
  }
  const groups: [number, number][] = []
  for (const group of body.matchAll(BRACKET)) {
    const contentStart = group.index + 1
    const cited = [...group[1]!.matchAll(inBracket)].filter((m) => free(contentStart + m.index))
    if (cited.length === 0) continue
    groups.push([group.index, group.index + group[0].length])
    for (const m of cited)
      found.push({
        keys: [m[1]!],
        form: 'pandoc',
        textual: false,
        suppressAuthor: m[0].startsWith('-'),
        prefix: '',
        suffix: '',
        start: contentStart + m.index,
        end: contentStart + m.index + m[0].length,
      })
  }
  for (const match of body.matchAll(bare)) {
    if (free(match.index) && !inSpans(groups, match.index))
      found.push({
        keys: [match[1]!],
        form: 'bare',
        textual: true,
        suppressAuthor: false,
        prefix: '',
        suffix: '',
        start: match.index,
        end: match.index + match[0].length,
      })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Finds the paper a citation key names: a paper key or a summary id, case-insensitive. */
export class CitationResolver {
  private byKey: Map<string, PaperOutline> | undefined

  /** Only keys, ids and which paper each summary is of are needed: an outline of the library does. */
  constructor(private readonly lib: { papers: readonly PaperOutline[]; summaries: readonly Pick<SummaryOutline, 'id' | 'paper'>[] }) {}

  /** The paper `key` names, or null when it names nothing in the library. */
  resolve(key: string): PaperOutline | null {
    return (this.byKey ??= this.names()).get(key.toLowerCase()) ?? null
  }

  /** Every name, made with the first citation resolved: a summary that cites nothing needs none (and a library's are many). */
  private names(): Map<string, PaperOutline> {
    const byKey = new Map<string, PaperOutline>()
    for (const paper of this.lib.papers) byKey.set(paper.key.toLowerCase(), paper)
    for (const summary of this.lib.summaries) {
      const id = summary.id.toLowerCase()
      const paper = byKey.get(summary.paper.toLowerCase())
      if (paper && !byKey.has(id)) byKey.set(id, paper)
    }
    return byKey
  }
}

/** One key of a citation with the paper it names (null: not in the library). */
export interface CitedKey {
  key: string
  paper: PaperOutline | null
}

/** A citation with its keys resolved. */
export interface ResolvedCitation extends Citation {
  cited: CitedKey[]
}

/** The citations of `body` with their papers; bare `@word`s that name no paper are left out (they are text). */
export function resolveCitations(body: string, resolver: Pick<CitationResolver, 'resolve'>): ResolvedCitation[] {
  return extractCitations(body)
    .map((citation) => ({ ...citation, cited: citation.keys.map((key) => ({ key, paper: resolver.resolve(key) })) }))
    .filter((citation) => citation.form !== 'bare' || citation.cited[0]!.paper !== null)
}

/**
 * `body` with each citation replaced by what `format` makes of it; `null` keeps it as written.
 * Code and math are never touched (citations are not found there).
 */
export function rewriteCitations(
  body: string,
  resolver: Pick<CitationResolver, 'resolve'>,
  format: (citation: ResolvedCitation) => string | null,
): string {
  let out = ''
  let last = 0
  for (const citation of resolveCitations(body, resolver)) {
    const replacement = format(citation)
    if (replacement === null) continue
    out += body.slice(last, citation.start) + replacement
    last = citation.end
  }
  return last === 0 ? body : out + body.slice(last)
}

/** The keys of the papers a summary cites, distinct, in order of first citation; its own paper left out. */
export function citedPaperKeys(summary: Pick<Summary, 'body' | 'paper'>, resolver: CitationResolver): string[] {
  const keys = new Set<string>()
  for (const citation of resolveCitations(summary.body, resolver)) {
    for (const { paper } of citation.cited) if (paper && paper.key !== summary.paper) keys.add(paper.key)
  }
  return [...keys]
}

/** Who cites whom in a library. */
export interface CitationGraph {
  /** Paper keys each summary cites (its own paper excluded), by summary id; summaries citing nothing are absent. */
  cites: Map<string, string[]>
  /** The summaries citing each paper, in library order, by paper key. */
  citedBy: Map<string, Summary[]>
}

/** The citation graph of a library's summaries. */
export function citationGraph(lib: Pick<Library, 'papers' | 'summaries'>, resolver = new CitationResolver(lib)): CitationGraph {
  const cites = new Map<string, string[]>()
  const citedBy = new Map<string, Summary[]>()
  for (const summary of lib.summaries) {
    const keys = citedPaperKeys(summary, resolver)
    if (keys.length === 0) continue
    cites.set(summary.id, keys)
    for (const key of keys) {
      const citing = citedBy.get(key)
      if (citing) citing.push(summary)
      else citedBy.set(key, [summary])
    }
  }
  return { cites, citedBy }
}

/**
 * The summaries citing each of `paperKeys`, by paper key, in library order. Only bodies that
 * mention one of the papers' keys or summary ids are read for citations, so showing one paper
 * does not parse the whole library.
 */
export function backlinks(
  lib: Pick<Library, 'papers' | 'summaries'>,
  paperKeys: readonly string[],
  resolver = new CitationResolver(lib),
): Map<string, Summary[]> {
  const wanted = new Set(paperKeys)
  const names = [...wanted, ...lib.summaries.filter((s) => wanted.has(s.paper)).map((s) => s.id)]
  const result = new Map<string, Summary[]>()
  if (names.length === 0) return result
  const mentions = new RegExp(names.map(escapeRegex).join('|'), 'i')
  for (const summary of lib.summaries) {
    if (!mentions.test(summary.body)) continue
    for (const key of citedPaperKeys(summary, resolver)) {
      if (!wanted.has(key)) continue
      const citing = result.get(key)
      if (citing) citing.push(summary)
      else result.set(key, [summary])
    }
  }
  return result
}
