/**
 * The part of marked-terminal 7.3 that precis uses. Declared here because @types/marked-terminal
 * is written against an older marked and conflicts with marked 18.
 */
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked'

  type Style = (text: string) => string

  export interface TerminalRendererOptions {
    code?: Style
    blockquote?: Style
    html?: Style
    heading?: Style
    firstHeading?: Style
    hr?: Style
    listitem?: Style
    table?: Style
    paragraph?: Style
    strong?: Style
    em?: Style
    codespan?: Style
    del?: Style
    link?: Style
    href?: Style
    text?: Style
    /** Replace `:name:` with emoji. */
    emoji?: boolean
    /** Undo HTML entity escaping in text. */
    unescape?: boolean
    width?: number
    reflowText?: boolean
    showSectionPrefix?: boolean
    tab?: number | string
    tableOptions?: Record<string, unknown>
  }

  /** The marked extension that renders Markdown for a terminal. */
  export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension
}
