// Seeded generator of realistic precis libraries for the benchmark (not shipped, not imported by src/).
// Usage: node bench/generate.js <summaries> <out.json> [seed] [body bytes, e.g. 3000-6000]
//
// Bodies are 3–6 KB of prose over a Zipf-distributed vocabulary (real words first, then a long tail
// of made-up ones, as in real text where a few words are everywhere and most are rare), with
// inline and display LaTeX, bare and Markdown image links (some glued to a word), numbered lists
// and the occasional accented name, like the summaries people actually keep.
import { closeSync, openSync, writeSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** mulberry32: tiny, fast, good enough for test data, and the same on every machine. */
export function seededRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COMMON = `the of and to a in is that for it as with was on be by this are from at which an not or
have has but can also more one their these we they model each how its when other than into only such
between both use used using two new would will first where our all some them may most results show
network networks learning neural data training graph graphs node nodes edge edges message messages
function functions representation representations feature features layer layers method methods task
tasks performance paper authors approach set information time value values state states input output
loss gradient gradients parameter parameters distribution distributions sample samples policy agent
reward rewards attention transformer transformers sequence sequences embedding embeddings vector vectors
matrix matrices kernel kernels process processes gaussian prior posterior inference variational bayesian
optimization optimizer convergence stochastic batch dataset datasets benchmark benchmarks accuracy error
experiment experiments architecture architectures convolution convolutional recurrent memory update rule
weights weight bias biases molecule molecules chemistry quantum property properties energy physics
simulation simulations language word words token tokens image images pixel pixels object objects
detection segmentation classification regression prediction predictions label labels supervised
unsupervised generative adversarial discriminator generator latent variable variables encoder decoder
autoencoder sampling estimate estimator variance mean entropy information theory bound bounds proof
theorem lemma assumption assumptions linear nonlinear convex regularization dropout normalization
robust robustness adversarial perturbation transfer pretrained finetuning domain shift generalization
overfitting capacity scale scaling compute efficient efficiency sparse dense pruning quantization
search tree planning exploration exploitation environment environments trajectory trajectories
simple different important interesting however because while although therefore thus since
propose proposed introduce introduced evaluate evaluated compare compared show shows shown find found
better worse larger smaller higher lower best state-of-the-art baseline baselines ablation analysis`.split(/\s+/)

const SYLLABLES = 'ka lo mi ne ta ri so vu pe da ge lu ba xo zi fe qua tre pol ven sor dim lax mur'.split(' ')
const GIVEN =
  'Justin Samuel Oriol George Behnam Hanie Chiyuan Junhyuk Matteo David Ana María José Zoë Jürgen Søren Łukasz Yoshua Geoffrey Fei-Fei Kaiming Ilya Diederik Max Irina Chelsea'.split(
    ' ',
  )
const FAMILY =
  'Gilmer Schoenholz Vinyals Dahl Neyshabur Sedghi Zhang Oh Hessel Silver Schmidhuber Müller García Núñez Kingma Welling Bengio Hinton Sutskever He Li Erdős Gödel Poincaré Schrödinger Kaiser Vaswani Finn Higgins'.split(
    ' ',
  )
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'AAAI', 'CVPR', 'ACL', 'Nature', 'Physical Review Letters', 'JMLR', 'arXiv preprint', null]
const TAGS = [
  'ml',
  'ml/gnn',
  'ml/rl',
  'ml/nlp',
  'ml/vision',
  'ml/theory',
  'physics',
  'physics/quantum',
  'chemistry',
  'stats',
  'stats/bayes',
  'thesis',
  'thesis/ch2',
  'todo',
  'reading-group',
]
const MATH = [
  "$\\mathcal{GP}(m(\\pmb{x}), k(\\pmb{x},\\pmb{x}'))$",
  '$\\Sigma_{ij} = \\mathbb{E}[x_i x_j]$',
  '$h_v^{t+1} = U_t(h_v^t, m_v^{t+1})$',
  '$\\mathcal{O}(n^3)$',
  '$\\alpha \\in (0, 1)$',
  '$p(\\theta \\mid \\mathcal{D}) \\propto p(\\mathcal{D} \\mid \\theta) p(\\theta)$',
  '$\\nabla_\\theta \\log \\pi_\\theta(a \\mid s)$',
  '\\(\\mathrm{softmax}(QK^\\top / \\sqrt{d})V\\)',
]
const DISPLAY_MATH = [
  '$$\\mathcal{L}(\\theta) = \\sum_{i=1}^{N} \\log p_\\theta(x_i) - \\beta \\, \\mathrm{KL}(q \\| p)$$',
  '$$m_v^{t+1} = \\sum_{w \\in N(v)} M_t(h_v^t, h_w^t, e_{vw})$$',
  '\\[\\hat{y} = R(\\{h_v^T \\mid v \\in G\\})\\]',
]

/** Sampler of word ranks with P(rank r) ∝ 1 / r^s, through a cumulative table and binary search. */
function zipfSampler(random, size, s = 1.07) {
  const cdf = new Float64Array(size)
  let total = 0
  for (let r = 0; r < size; r++) cdf[r] = total += 1 / Math.pow(r + 1, s)
  return () => {
    const x = random() * total
    let lo = 0
    let hi = size - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cdf[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

function makeVocabulary(random, size) {
  const words = [...new Set(COMMON)]
  const seen = new Set(words)
  while (words.length < size) {
    const parts = 2 + Math.floor(random() * 3)
    let word = ''
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
    if (!seen.has(word)) {
      seen.add(word)
      words.push(word)
    }
  }
  return words
}

/** A library of `count` summaries; the same for the same seed. Bodies are `body` = [min, max] bytes. */
export function generateLibrary(count, seed = 1, body = [3000, 6000]) {
  const random = seededRandom(seed)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const vocabulary = makeVocabulary(random, 40000)
  const nextRank = zipfSampler(random, vocabulary.length)
  const word = () => vocabulary[nextRank()]
  const imageId = () => Array.from({ length: 7 }, () => pick('abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789')).join('')

  function sentence() {
    const length = 8 + Math.floor(random() * 18)
    const words = []
    for (let i = 0; i < length; i++) {
      const roll = random()
      if (roll < 0.03) words.push(pick(MATH))
      else if (roll < 0.035) words.push(`${pick(FAMILY)}'s`)
      else words.push(word())
    }
    const text = words.join(' ')
    return text[0].toUpperCase() + text.slice(1) + (random() < 0.1 ? '?' : '.')
  }

  function paragraph(bytes) {
    const parts = []
    let size = 0
    while (size < bytes) {
      const roll = random()
      let part
      if (roll < 0.04) part = `https://i.imgur.com/${imageId()}.png`
      else if (roll < 0.06) part = `![figure](https://i.imgur.com/${imageId()}.jpg)`
      else if (roll < 0.09) part = pick(DISPLAY_MATH)
      else if (roll < 0.12) part = `${Array.from({ length: 3 }, (_, i) => `${i + 1}. ${sentence()}`).join(' ')}`
      else part = sentence()
      // Glue some image links to the word before them, as scraped pages do.
      if (part.startsWith('https://') && parts.length > 0 && random() < 0.5) parts[parts.length - 1] += part
      else parts.push(part)
      size += part.length + 1
    }
    return parts.join(' ')
  }

  function makeBody() {
    const target = body[0] + Math.floor(random() * (body[1] - body[0]))
    const paragraphs = []
    let size = 0
    while (size < target) {
      const chunk = Math.min(target - size, 400 + Math.floor(random() * 1200))
      const text = random() < 0.15 ? Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n') : paragraph(chunk)
      paragraphs.push(text)
      size += text.length + 2
    }
    return paragraphs.join('\n\n')
  }

  const papers = []
  const summaries = []
  const start = Date.parse('2015-01-01T00:00:00Z')
  const span = Date.parse('2025-01-01T00:00:00Z') - start
  for (let n = 0; summaries.length < count; n++) {
    const year = 1990 + Math.floor(random() * 36)
    const authors = Array.from({ length: 1 + Math.floor(random() * 6) }, () => `${pick(GIVEN)} ${pick(FAMILY)}`)
    const titleWords = Array.from({ length: 4 + Math.floor(random() * 8) }, word)
    const title = titleWords.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')
    const family = authors[0]
      .split(' ')
      .pop()
      .normalize('NFKD')
      .replace(/[^a-z]/gi, '')
      .toLowerCase()
    const key = `${family}${year}${titleWords[0].replace(/[^a-z]/g, '')}${n}`
    const added = new Date(start + random() * span).toISOString()
    papers.push({
      key,
      title,
      authors,
      year,
      venue: pick(VENUES),
      arxiv:
        random() < 0.7
          ? `${String(year % 100).padStart(2, '0')}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}.${String(Math.floor(random() * 99999)).padStart(5, '0')}`
          : null,
      doi: random() < 0.4 ? `10.${1000 + Math.floor(random() * 9000)}/bench.${n}` : null,
      url: null,
      abstract: random() < 0.5 ? paragraph(600) : null,
      added,
    })
    const copies = random() < 0.1 ? 2 : 1
    for (let c = 1; c <= copies && summaries.length < count; c++) {
      const tags = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS)))]
      const updated = new Date(Date.parse(added) + random() * 1e9).toISOString()
      summaries.push({ id: c === 1 ? key : `${key}-${c}`, paper: key, by: pick(GIVEN), body: makeBody(), tags, created: added, updated })
    }
  }
  return { format: 'precis-library', version: 2, papers, summaries, trash: [] }
}

/**
 * Write a library record by record: at 100,000 summaries of 3–6 KB the whole file is longer than
 * the longest string V8 can make (~512 MB), so one JSON.stringify cannot produce it.
 */
export function writeLibrary(library, path) {
  const fd = openSync(path, 'w')
  const list = (name, items) => {
    writeSync(fd, `  ${JSON.stringify(name)}: [`)
    items.forEach((item, i) => writeSync(fd, `${i ? ',' : ''}\n    ${JSON.stringify(item)}`))
    writeSync(fd, items.length ? '\n  ]' : ']')
  }
  writeSync(fd, `{\n  "format": ${JSON.stringify(library.format)},\n  "version": ${library.version},\n`)
  list('papers', library.papers)
  writeSync(fd, ',\n')
  list('summaries', library.summaries)
  writeSync(fd, ',\n  "trash": []\n}\n')
  closeSync(fd)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [count = '1000', out = 'bench-library.json', seed = '1', body = '3000-6000'] = process.argv.slice(2)
  writeLibrary(generateLibrary(Number(count), Number(seed), body.split('-').map(Number)), out)
}
