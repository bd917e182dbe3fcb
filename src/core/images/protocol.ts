/**
 * Which image protocol `show` may draw with, decided from the `--images` setting, the environment
 * and, where it was safe to ask, the terminal's own answer (all given as values). Only terminals
 * known to draw images get escape sequences: anything unknown, `TERM=dumb`, or tmux without an
 * explicit choice gets the text fallback.
 */

export type ImageProtocol = 'kitty' | 'iterm' | 'sixel'

/** What `--images` takes. */
export const IMAGE_SETTINGS = ['auto', 'kitty', 'iterm', 'sixel', 'off'] as const
export type ImageSetting = (typeof IMAGE_SETTINGS)[number]

export interface ImageOutput {
  protocol: ImageProtocol
  /** Wrap every sequence for tmux's passthrough (tmux 3.3+ with `allow-passthrough on`; dropped otherwise). */
  tmux: boolean
}

type Env = Readonly<Record<string, string | undefined>>

/** The protocol the terminal is known to speak, from what terminals put in the environment; null when unknown. */
export function detectImageProtocol(env: Env): ImageProtocol | null {
  if (env.TERM === 'dumb') return null
  // kitty and Ghostty speak the kitty graphics protocol.
  if (env.TERM === 'xterm-kitty' || env.KITTY_WINDOW_ID || env.TERM === 'xterm-ghostty' || env.TERM_PROGRAM === 'ghostty') return 'kitty'
  // iTerm2 and WezTerm draw iTerm2's inline images (WezTerm's kitty support is partial).
  if (env.TERM_PROGRAM === 'iTerm.app' || env.LC_TERMINAL === 'iTerm2' || env.TERM_PROGRAM === 'WezTerm') return 'iterm'
  // foot and mlterm draw sixel; xterm can (as a VT340) but says so only when asked (see TerminalReport).
  if (env.TERM === 'foot' || env.TERM?.startsWith('foot-') || env.TERM === 'mlterm' || env.MLTERM) return 'sixel'
  return null
}

/** What the terminal said when asked (kitty's graphics query, the device attributes); see terminal/terminal-query.ts. */
export interface TerminalReport {
  /** It answered kitty's graphics query with OK. */
  kitty: boolean
  /** Its primary device attributes include 4 (sixel graphics). */
  sixel: boolean
  /** One cell's size in pixels, when it said (xterm's `CSI 16 t`). */
  cell: { width: number; height: number } | null
}

/**
 * The image output for `setting` on a terminal, or null for the text fallback: the environment
 * first, then the terminal's answer (`report`, null when it was not asked). Inside tmux the outer
 * terminal cannot be seen (tmux rewrites TERM and TERM_PROGRAM, and answers queries itself), so
 * only an explicit protocol draws there, through tmux's passthrough.
 */
export function chooseImageOutput(setting: ImageSetting, env: Env, report: TerminalReport | null = null): ImageOutput | null {
  if (setting === 'off') return null
  const tmux = Boolean(env.TMUX)
  if (setting !== 'auto') return { protocol: setting, tmux }
  if (tmux || env.TERM === 'dumb') return null
  const protocol = detectImageProtocol(env) ?? (report?.kitty ? 'kitty' : report?.sixel ? 'sixel' : null)
  return protocol && { protocol, tmux: false }
}

/**
 * Whether the terminal's answer could change how figures are drawn for `setting`: with auto when
 * the environment names no protocol (which one), and for sixel (the cell's size in pixels). Never
 * in tmux, which answers for itself rather than for the terminal it runs in.
 */
export function worthAsking(setting: ImageSetting, env: Env): boolean {
  if (setting === 'off' || env.TMUX) return false
  if (setting === 'auto') return env.TERM !== 'dumb' && (detectImageProtocol(env) ?? 'sixel') === 'sixel'
  return setting === 'sixel'
}
