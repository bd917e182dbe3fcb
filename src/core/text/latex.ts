/**
 * How search reads LaTeX commands (`precis help query`): `\mathcal{GP}` is found by `gp`, `\Sigma`
 * by `sigma`, `\pmb{x}` by `x`. Commands that only format their argument say nothing by themselves
 * and are dropped; Greek letters read as their names; any other command reads as its name
 * (`\log` as `log`, `\nabla` as `nabla`), which is what a person would type to find it.
 */

// Formatting, spacing and layout commands: their argument (if any) carries the meaning.
const FORMATTING = new Set(
  (
    'mathcal mathbf mathrm mathit mathsf mathtt mathbb mathfrak mathscr mathnormal boldsymbol bm pmb ' +
    'text textbf textit textrm textsf texttt textup textsc textnormal emph operatorname mbox hbox ' +
    'mathop mathbin mathrel mathord displaystyle textstyle scriptstyle scriptscriptstyle ' +
    'left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr ' +
    'frac dfrac tfrac cfrac sqrt hat widehat tilde widetilde bar overline underline vec dot ddot ' +
    'overrightarrow overleftarrow overbrace underbrace mathring check breve acute grave ' +
    'quad qquad limits nolimits begin end label tag nonumber notag color textcolor ' +
    'rm bf it sf tt cal mathstrut phantom vphantom hphantom stackrel overset underset substack ' +
    'boxed cancel ensuremath'
  ).split(' '),
)

/** Greek letter names with their lowercase Unicode letters (variant glyphs included). */
export const GREEK_LETTERS: ReadonlyMap<string, string> = new Map([
  ['alpha', 'α'],
  ['beta', 'βϐ'],
  ['gamma', 'γ'],
  ['delta', 'δ'],
  ['epsilon', 'εϵ'],
  ['zeta', 'ζ'],
  ['eta', 'η'],
  ['theta', 'θϑ'],
  ['iota', 'ι'],
  ['kappa', 'κϰ'],
  ['lambda', 'λ'],
  ['mu', 'μµ'],
  ['nu', 'ν'],
  ['xi', 'ξ'],
  ['omicron', 'ο'],
  ['pi', 'πϖ'],
  ['rho', 'ρϱ'],
  ['sigma', 'σς'],
  ['tau', 'τ'],
  ['upsilon', 'υϒ'],
  ['phi', 'φϕ'],
  ['chi', 'χ'],
  ['psi', 'ψ'],
  ['omega', 'ω'],
])

/** Each Greek letter's name, made when first asked for: not at the start of every read that loads this module. */
let nameOfGreek: Map<string, string> | undefined
function namesOfGreek(): Map<string, string> {
  if (nameOfGreek) return nameOfGreek
  nameOfGreek = new Map()
  for (const [name, letters] of GREEK_LETTERS) for (const letter of letters) nameOfGreek.set(letter, name)
  return nameOfGreek
}

/** The word a LaTeX command (name without the backslash) reads as, or null when it only formats. */
export function latexWord(command: string): string | null {
  if (FORMATTING.has(command)) return null
  const lower = command.toLowerCase()
  // \varepsilon, \varphi, \vartheta ... are the same letters drawn differently.
  if (lower.startsWith('var') && GREEK_LETTERS.has(lower.slice(3))) return lower.slice(3)
  return lower
}

/** The name of a lowercase Greek letter (`θ` → `theta`), or null for anything else. */
export function greekName(letter: string): string | null {
  return namesOfGreek().get(letter) ?? null
}
