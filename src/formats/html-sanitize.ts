/**
 * The allow-list every piece of content passes before it enters the HTML export: the elements that
 * Markdown and temml's MathML produce, links and images only over http(s) (links also mailto:), and
 * nothing active: no script, no event handlers, no forms, no frames, no style except the few MathML
 * layout properties temml writes (bold via \pmb, matrix padding, display). Images are links to
 * their address unless the page may load remote images: an image from the web tells its server
 * who opened the page and when (a tracking pixel), so the export loads none unless asked.
 */
import sanitizeHtml from 'sanitize-html'

const MARKDOWN_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's',
  'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub',
]

const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mlabeledtr', 'mstyle',
  'mpadded', 'mphantom', 'menclose', 'mmultiscripts', 'mprescripts', 'none', 'merror',
]

const MATHML_ATTRIBUTES = [
  'display', 'displaystyle', 'scriptlevel', 'mathvariant', 'mathsize', 'stretchy', 'fence', 'separator', 'form',
  'lspace', 'rspace', 'accent', 'accentunder', 'movablelimits', 'largeop', 'symmetric', 'minsize', 'maxsize',
  'linethickness', 'columnalign', 'rowalign', 'columnspacing', 'rowspacing', 'columnlines', 'rowlines', 'frame',
  'width', 'height', 'depth', 'voffset', 'notation', 'encoding', 'class', 'style',
]

const LENGTH = /^-?[\d.]+(?:em|ex|pt|px|%)?$/
const MATHML_STYLES = {
  'font-weight': [/^(?:bold|normal)$/],
  'font-style': [/^(?:italic|normal)$/],
  'padding-left': [LENGTH],
  'padding-right': [LENGTH],
  display: [/^(?:block|inline|block math|inline math)$/],
}

const ABSOLUTE = /^https?:\/\//i

const OPTIONS_WITH_IMAGES: sanitizeHtml.IOptions = {
  allowedTags: [...MARKDOWN_TAGS, ...MATHML_TAGS],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'class'],
    img: ['src', 'alt', 'title', 'class'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    code: ['class'],
    p: ['class'],
    ...Object.fromEntries(MATHML_TAGS.map((tag) => [tag, MATHML_ATTRIBUTES])),
  },
  allowedClasses: {
    a: ['image-link'],
    img: ['figure'],
    code: ['tex', 'language-*'],
    p: ['math-display'],
    ...Object.fromEntries(MATHML_TAGS.map((tag) => [tag, ['tml-*', 'mathcal', 'mathscr', 'mathfrak']])),
  },
  allowedStyles: Object.fromEntries(MATHML_TAGS.map((tag) => [tag, MATHML_STYLES])),
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // A page saved anywhere must not load or link files beside it: only absolute http(s) images,
  // and links that are absolute or point into the page. Links leave without a referrer.
  // (An image turned into a link has its address in href.)
  exclusiveFilter: (frame) => frame.tag === 'img' && !ABSOLUTE.test(frame.attribs.src ?? frame.attribs.href ?? ''),
  transformTags: {
    a: (tagName, attribs) => {
      const kept: sanitizeHtml.Attributes = { rel: 'noopener noreferrer' }
      const { href, title } = attribs
      if (href !== undefined && (ABSOLUTE.test(href) || /^(mailto:|#)/i.test(href))) kept.href = href
      if (title !== undefined) kept.title = title
      return { tagName, attribs: kept }
    },
  },
}

/** The same, with each image made a link to it: `Figure: <address>` for a bare image URL, else `Image: <alt text>`. */
const OPTIONS_WITH_IMAGE_LINKS: sanitizeHtml.IOptions = {
  ...OPTIONS_WITH_IMAGES,
  transformTags: {
    ...OPTIONS_WITH_IMAGES.transformTags,
    img: (_tagName, attribs) => {
      const src = attribs.src ?? ''
      const figure = attribs.class === 'figure'
      const label = figure ? `Figure: ${src}` : `Image: ${attribs.alt?.trim() || src}`
      return { tagName: 'a', attribs: { href: src, rel: 'noopener noreferrer', class: 'image-link' }, text: label }
    },
  },
}

/** Content HTML reduced to the allow-list; images stay images only when `remoteImages` is true. */
export function sanitizeContent(html: string, remoteImages = false): string {
  return sanitizeHtml(html, remoteImages ? OPTIONS_WITH_IMAGES : OPTIONS_WITH_IMAGE_LINKS)
}
