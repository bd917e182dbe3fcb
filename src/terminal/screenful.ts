/**
 * Whether the text in `parts` (joined) has at least `rows` lines, so it would not fit a screen of
 * `rows` rows beside the shell's prompt: counted only as far as that (a summary of 50 MB split into
 * lines to be counted cost a third of a second, when only its first screen decides).
 */
export function fillsScreen(parts: readonly string[], rows: number): boolean {
  let lines = 1
  for (const part of parts) {
    for (let at = part.indexOf('\n'); at !== -1 && lines < rows; at = part.indexOf('\n', at + 1)) lines++
  }
  return lines >= rows
}
