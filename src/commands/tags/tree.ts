import type { ChalkInstance } from 'chalk'
import type { TagCount, TagNode } from '../../core/tags/counts.js'
import { sanitizeTerminal } from '../../core/text/sanitize.js'
import { largest } from '../../core/lists.js'

function countWidth(counts: readonly TagCount[]): number {
  return largest(
    counts.map((c) => String(c.count).length),
    1,
  )
}

/** A tag no summary carries itself (only tags below it) is dimmed: it exists as a parent. */
function label(text: string, count: TagCount, style: ChalkInstance): string {
  const safe = sanitizeTerminal(text)
  return count.own === 0 ? style.dim(safe) : style.yellow(safe)
}

function flatten(nodes: readonly TagNode[]): TagNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)])
}

/**
 * The hierarchy as a tree, one tag per line: its count (rolled up: the summaries with it or a tag
 * below it) right-aligned, then the tag's last segment under its parent.
 *
 *    15  ml
 *    12  ├─ gnn
 *     3  └─ rl
 */
export function formatTagTree(roots: readonly TagNode[], style: ChalkInstance): string {
  const width = countWidth(flatten(roots))
  const lines: string[] = []
  const walk = (nodes: readonly TagNode[], indent: string, nested: boolean) => {
    nodes.forEach((node, i) => {
      const last = i === nodes.length - 1
      const branch = nested ? (last ? '└─ ' : '├─ ') : ''
      lines.push(`${String(node.count).padStart(width)}  ${style.dim(indent + branch)}${label(node.name, node, style)}`)
      walk(node.children, nested ? indent + (last ? '   ' : '│  ') : '', true)
    })
  }
  walk(roots, '', false)
  return lines.map((line) => line + '\n').join('')
}

/** One line per tag, full name: the count right-aligned, then the tag. */
export function formatTagColumns(counts: readonly TagCount[], style: ChalkInstance): string {
  const width = countWidth(counts)
  return counts.map((c) => `${String(c.count).padStart(width)}  ${label(c.tag, c, style)}\n`).join('')
}

/** Piped output: one tab-separated line per tag: tag, count (with the tags below it), own count. */
export function formatTagsPlain(counts: readonly TagCount[]): string {
  return counts.map((c) => `${sanitizeTerminal(c.tag)}\t${c.count}\t${c.own}\n`).join('')
}
