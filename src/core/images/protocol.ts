/**
 * Which image protocol `show` may draw with, decided from the `--images` setting and the
 * environment (given as values). Only terminals known to draw images get escape sequences:
 * anything unknown, `TERM=dumb`, or tmux without an explicit choice gets the text fallback.
 */

export type ImageProtocol = 'kitty' | 'iterm'

/** What `--images` takes. */
export const IMAGE_SETTINGS = ['auto', 'kitty', 'iterm', 'off'] as const
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
  return null
}

/**
 * The image output for `setting` on a terminal, or null for the text fallback. Inside tmux the
 * outer terminal cannot be seen (tmux rewrites TERM and TERM_PROGRAM), so only an explicit
 * `kitty` or `iterm` draws there, through tmux's passthrough.
 */
export function chooseImageOutput(setting: ImageSetting, env: Env): ImageOutput | null {
  if (setting === 'off') return null
  const tmux = Boolean(env.TMUX)
  if (setting !== 'auto') return { protocol: setting, tmux }
  if (tmux) return null
  const protocol = detectImageProtocol(env)
  return protocol && { protocol, tmux: false }
}
