/**
 * Front matter written without the yaml package, for the values precis's own files hold: building
 * a yaml Document per file was two thirds of a 10k export. It writes exactly what yaml writes
 * (test/unit/formats/frontmatter-fast.test.ts holds it to yaml's output over many tricky values)
 * and gives up, returning null, on any value whose YAML it is not sure of: writeFrontMatter then
 * asks yaml for the whole file.
 */

/** Characters that would be read as more than text in a plain scalar (or need escaping): control and format characters. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
/** Text the core schema reads as null, a boolean or a number: yaml writes it in double quotes. */
const CORE_TYPED =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
/** A plain scalar starting with an indicator or a space needs yaml's judgement. */
const UNSAFE_START = /^[\s\-?:,[\]{}#&*!|>'"%@`]/
/** A trailing space or a tab: yaml's judgement again. */
const UNSAFE_SPACE = /\s$|\t/
/** Inside, `: ` would start a value and ` #` a comment: yaml writes such text in double quotes. */
const MISREAD_PLAIN = /: | #|:$/

function scalar(value: unknown): string | null {
  if (value === null) return 'null'
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null
  if (typeof value !== 'string' || value === '' || NEEDS_ESCAPE.test(value)) return null
  if (CORE_TYPED.test(value)) return `"${value}"`
  if (UNSAFE_START.test(value) || UNSAFE_SPACE.test(value)) return null
  if (MISREAD_PLAIN.test(value)) return /["\\]/.test(value) ? null : `"${value}"` // quotes and backslashes would need escapes
  return value
}

/** `key: value` lines for `fields`, or null when one value is beyond this writer. */
export function fastFrontMatter(fields: ReadonlyArray<readonly [string, unknown]>): string | null {
  let text = '---\n'
  for (const [key, value] of fields) {
    if (!/^[a-z]+$/.test(key)) return null
    if (Array.isArray(value)) {
      if (value.length === 0) {
        text += `${key}: []\n`
        continue
      }
      text += `${key}:\n`
      for (const item of value) {
        const written = typeof item === 'string' ? scalar(item) : null
        if (written === null) return null
        text += `  - ${written}\n`
      }
      continue
    }
    const written = scalar(value)
    if (written === null) return null
    text += `${key}: ${written}\n`
  }
  return `${text}---\n\n`
}
