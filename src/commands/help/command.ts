import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { UsageError } from '../../core/errors.js'
import { LIBRARY_VERSION } from '../../core/model.js'
import { FIELDS } from '../../core/search/query-fields.js'
import { closest } from '../../core/text/similar.js'
import { DEFAULT_HELP_WIDTH, wrapHelp } from '../../command-kit/help-wrap.js'
import { largest } from '../../core/lists.js'

/** A help page that is not a command: `precis help query`. */
export interface HelpTopic {
  name: string
  /** One line, for the list of topics. */
  summary: string
  /** The page. */
  text(): string
}

function queryPage(): string {
  const width = largest([...FIELDS.keys()].map((name) => name.length)) + 1
  const fields = [...FIELDS].map(([name, spec]) => `  ${(name + ':').padEnd(width)}  ${spec.example}`)
  return [
    'Search queries (search, list, export, tag --query)',
    '',
    '  message passing       the words (anywhere: title, authors, tags, venue, ids, text)',
    '  "message passing"     an exact phrase',
    '  -survey  -tag:todo    exclude a word or a field',
    '  gnn OR graph          either; OR binds tighter than the implicit AND:',
    '                        gnn message OR graph  means  gnn AND (message OR graph)',
    '',
    'Fields (name:value; quote a value with spaces: title:"graph networks"):',
    ...fields,
    '',
    'Matching is case- and accent-insensitive (Schrödinger = schrodinger), reads LaTeX',
    '(\\mathcal{GP} is found by GP, \\Sigma by sigma), matches word forms by their stem',
    '(decreasing = decrease; the form typed ranks first), and matches the last word as a prefix.',
    'A word of 5+ letters the library lacks is also searched as the words one typo away (weaker).',
    'Results are ranked by BM25: title above tags and authors above the text; ties newest first.',
    'search and browse: entries with all the words come first; with 3+ words, entries with some',
    'follow, each saying what it lacks (missing: ...). Stop words (the, of, what) need not match,',
    'and pasted text is text (Exposure: ..., a stray quote). list, export and tag --query match',
    'every word, and refuse a malformed query (unbalanced quote, unknown field) with exit 2 and a',
    'caret; a field name mistyped (tittle:) is refused everywhere.',
    '',
    'Examples:',
    '  precis search "message passing" tag:gnn year:>=2017',
    '  precis list "tag:thesis/ch2 -has:figure"',
    '  precis search cites:gilmer2017neural',
    '  precis list has:no-metadata     papers to identify (precis identify <key>)',
    '  precis list state:to-read tag:thesis   queued papers tagged thesis (precis queue)',
    '  precis export "author:rasmussen OR tag:bayesian" --format md --out review/',
    '',
  ].join('\n')
}

function formatPage(): string {
  return [
    `The library file (JSON, version ${LIBRARY_VERSION}; see the README for every field)`,
    '',
    `  { "format": "precis-library", "version": ${LIBRARY_VERSION},`,
    '    "papers": [ { "key", "title", "authors", "year", "venue", "arxiv", "doi",',
    '                  "url", "abstract", "added", "state"?, "priority"?,',
    '                  "attachments"? } ],',
    '    "summaries": [ { "id", "paper", "by", "body", "tags", "created",',
    '                     "updated" } ],',
    '    "trash": [ { "summary", "paper", "deleted" } ] }',
    '',
    '  key      the citekey: family name + year + first title word (gilmer2017neural)',
    '  id       a summary id: the paper key, then <key>-2, <key>-3 for more summaries',
    '  tags     lowercase, no spaces, "/" for a hierarchy (ml/gnn)',
    '  state    to-read, reading or read (absent: read if summarised, else none)',
    '  priority 1 (read first) to 5, for a paper to read or being read (absent: 3)',
    "  attachments  a paper's files (copied into <library>.files/<key>/) and links (precis attach)",
    '  trash    a removed summary (with its paper when it was the last one), or a paper removed',
    '           while it had no summary ("summary": null)',
    '',
    'A file of an older version is read as it is and upgraded by the first change, after a copy',
    'is kept beside it (library.json.v1.bak). A newer version is refused (exit 4), never changed.',
    '',
    'A summary body is Markdown:',
    '  math       $x^2$, $$\\sum_i x_i$$, \\(...\\), \\[...\\]   ($5 and $10 stay money)',
    '  figures    ![caption](https://...png) or a bare image URL, shown as [fig 1]',
    '  citations  \\cite{key}, \\citep{a,b}, \\citet{key}, [@key], [see @a, p. 3; @b], or @key for a paper in the library; shown as its title, listed under "Cited by"',
    '',
    'Exported Markdown (export --format md) is one file per summary: YAML front matter with the',
    "paper's fields and the summary's own (id, key, title, authors, year, venue, arxiv, doi, url,",
    'tags, by, created, updated), then the body exactly as stored. import reads it back.',
    '',
    'Examples:',
    '  precis show gilmer2017neural --raw',
    '  precis export --format json > library-copy.json',
    '  precis export "tag:thesis" --format md --out notes/ --bib notes/refs.bib',
    '',
  ].join('\n')
}

/** The topics `precis help <topic>` knows besides the commands. */
export const HELP_TOPICS: readonly HelpTopic[] = [
  { name: 'query', summary: 'the search grammar: words, phrases, -exclusions, OR, fields', text: queryPage },
  { name: 'format', summary: 'the library file, summary Markdown (math, figures, citations), exported files', text: formatPage },
]

export interface HelpOptions {
  /** A command path (`tags rename`) or a topic; empty for the overview. */
  words: string[]
}

/** `precis help [command|topic]`: commander's help for commands, plus topics, with suggestions for typos. */
export function registerHelp(program: Command, ctx: Context): void {
  const topics = HELP_TOPICS.map((t) => `${t.name} (${t.summary})`).join('\n  ')
  program
    .command('help')
    .description(`Show help for a command, or a topic: ${HELP_TOPICS.map((t) => t.name).join(', ')}`)
    .argument('[topic...]', 'a command (tags rename) or a topic')
    .addHelpText('after', `\nTopics:\n  ${topics}\n\nExamples:\n  precis help show\n  precis help query\n  precis help format\n`)
    .action(async (words: string[]) => helpRun({ words }, ctx, program))
}

function findCommand(parent: Command, name: string): Command | undefined {
  return parent.commands.find((c) => c.name() === name || c.aliases().includes(name))
}

export async function helpRun(opts: HelpOptions, ctx: Context, program: Command): Promise<void> {
  const [first] = opts.words
  if (first === undefined) program.help()
  const topic = HELP_TOPICS.find((t) => t.name === first.toLowerCase())
  if (topic && !findCommand(program, first)) return ctx.io.page(wrapHelp(topic.text(), ctx.io.columns ?? DEFAULT_HELP_WIDTH))
  // Follow the words down the commands (`tags rename`); suggest at the first one that names nothing.
  let command = program
  const found: string[] = []
  for (const word of opts.words) {
    const next = findCommand(command, word)
    if (!next) break
    command = next
    found.push(next.name())
  }
  if (found.length === opts.words.length) command.help()
  const missing = opts.words[found.length]!.toLowerCase()
  const known = command.commands.map((c) => c.name()).concat(command === program ? HELP_TOPICS.map((t) => t.name) : [])
  const suggestion = closest(missing, known, 1)[0]
  throw new UsageError(`No command or help topic "${opts.words.join(' ')}"`, [
    ...(suggestion ? [`Did you mean: precis help ${[...found, suggestion].join(' ')}`] : []),
    `Topics: ${HELP_TOPICS.map((t) => t.name).join(', ')}. Commands: precis --help`,
  ])
}
