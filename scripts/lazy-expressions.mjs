// fast-string-truncated-width (fast-string-width's measure) makes its expressions as it loads, three
// of them with Unicode property classes (`\p{Emoji}`, `\p{Script=Han}`, `\p{M}`), which V8 answers
// from ICU as it parses them: ~5 M instructions of every run that loads the command line, though a
// run whose output is no terminal measures no width. The build (scripts/build.mjs) bundles it with
// those three made by its first measure instead (`makeExpressions`, called by getStringTruncatedWidth,
// their only reader). It fails when the file no longer reads as this expects (an upgrade), rather
// than leave them made as it loads unnoticed.

/** The package's file that the build rewrites. */
export const TRUNCATED_WIDTH = /[\\/]node_modules[\\/]fast-string-truncated-width[\\/]dist[\\/]index\.js$/

const MEASURE = 'const getStringTruncatedWidth = (input, truncationOptions = {}, widthOptions = {}) => {'
const LAZY_EXPRESSIONS = ['CJKT_WIDE_RE', 'EMOJI_RE', 'MODIFIER_RE']

/** The module's text with LAZY_EXPRESSIONS made at its first measure. */
export function withLazyExpressions(text) {
  const made = []
  const rest = text.replace(/^const (\w+) = (\/.*\\p\{.*\/[a-z]*);$/gm, (_, name, literal) => {
    made.push([name, literal])
    return `let ${name};`
  })
  const names = made.map(([name]) => name)
  if (names.join() !== LAZY_EXPRESSIONS.join() || rest.split(MEASURE).length !== 2)
    throw new Error(
      `fast-string-truncated-width changed: expected ${LAZY_EXPRESSIONS.join(', ')} and its measure (scripts/lazy-expressions.mjs)`,
    )
  const make = made.map(([name, literal]) => `  ${name} = ${literal};\n`).join('')
  return `${rest.replace(MEASURE, `${MEASURE}\n    if (${names[0]} === undefined) makeExpressions();`)}\nfunction makeExpressions() {\n${make}}\n`
}
