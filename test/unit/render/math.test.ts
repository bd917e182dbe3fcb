import { describe, expect, it } from 'vitest'
import { texToUnicode } from '../../../src/render/math.js'

// TeX → Unicode, inline. Every construct named in issue 3 and the README's rendering notes appears here.
const inline: Array<[tex: string, unicode: string]> = [
  ['x', 'x'],
  ['\\alpha', 'α'],
  ['\\beta + \\gamma', 'β + γ'],
  ['\\theta + \\delta - \\epsilon', 'θ + δ − ϵ'],
  ['\\varepsilon \\sigma', 'εσ'],
  ['\\Sigma', 'Σ'],
  ['\\Sigma_{ij}', 'Σᵢⱼ'],
  ['n^3', 'n³'],
  ['\\mathcal{O}(n^3)', '𝒪(n³)'],
  ['\\mathcal{GP}', '𝒢𝒫'],
  ['\\mathcal{D}', '𝒟'],
  ['\\pmb{\\mu}', '𝛍'],
  ['\\pmb{x}', '𝐱'],
  ['\\pmb{\\Sigma}', '𝚺'],
  ['\\pmb{\\theta}', '𝛉'],
  ['\\pmb{\\mathrm{f}}', '𝐟'],
  ['\\pmb{1}', '𝟏'],
  ['\\boldsymbol{\\mu}', '𝛍'],
  ['\\mathbf{x}', '𝐱'],
  ['\\mathbf{W}^\\top', '𝐖ᵀ'],
  ['\\mathbb{R}^n', 'ℝⁿ'],
  ['\\mathbb{E}[x]', '𝔼[x]'],
  ['\\mathrm{log}', 'log'],
  ['\\mathit{ab}', 'ab'],
  ['\\mu_i', 'μᵢ'],
  ['\\pmb{x}_i', '𝐱ᵢ'],
  ['m_D', 'm_D'],
  ['x_{i,j}', 'x_(i,j)'],
  ['x_{\\text{max}}', 'xₘₐₓ'],
  ['\\sigma_n^2', 'σₙ²'],
  ['x^{-1}', 'x⁻¹'],
  ['\\pmb{\\Sigma}^{-1}', '𝚺⁻¹'],
  ['e^{i\\pi}', 'e^(iπ)'],
  ['x^{2^{3}}', 'x^(2³)'],
  ["x'", 'x′'],
  ["k(\\pmb{x}, \\pmb{x}')", 'k(𝐱, 𝐱′)'],
  ['x^*', 'x∗'],
  ['90^\\circ', '90°'],
  ['\\frac{a}{b}', 'a/b'],
  ['\\frac{a+b}{c+d}', '(a + b)/(c + d)'],
  ['\\frac{1}{2}', '1/2'],
  ['\\frac{\\partial f}{\\partial x}', '∂f/∂x'],
  ['\\frac{1}{\\sqrt{2\\pi}}', '1/√(2π)'],
  ['\\frac{1}{N} \\ell_i', '1/N ℓᵢ'],
  ['\\sqrt{2}x', '√2 x'],
  ['\\alpha_y \\nabla_\\theta D', 'α_y ∇_θ D'],
  ['\\sigma_f^2 \\exp(-x)', 'σ_f² exp(−x)'],
  ['2\\log n', '2 log n'],
  ['(\\log n)', '(log n)'],
  ['\\sqrt{x}', '√x'],
  ['\\sqrt{x+1}', '√(x + 1)'],
  ['\\sqrt[3]{x}', '∛x'],
  ['\\sqrt[n]{x}', 'ⁿ√x'],
  ['\\sum_{i=1}^{n} x_i', '∑ᵢ₌₁ⁿ xᵢ'],
  ['\\prod_{k} a_k', '∏ₖ aₖ'],
  ['\\int_0^1 f(x)\\,dx', '∫₀¹ f(x) dx'],
  ['\\int_{-\\infty}^{\\infty} e^{-x^2}', '∫_(−∞)^∞ e^(−x²)'],
  ['\\lim_{n\\to\\infty} a_n', 'lim_(n→∞) aₙ'],
  ['\\max_i x_i', 'maxᵢ xᵢ'],
  ['\\log x', 'log x'],
  ['\\operatorname{tr}(A)', 'tr(A)'],
  ['\\Pr(A)', 'Pr(A)'],
  ['\\hat{x}', 'x\u0302'],
  ['\\bar{x}', 'x\u0304'],
  ['\\tilde{x}', 'x\u0303'],
  ['\\vec{v}', 'v\u20d7'],
  ['\\dot{x}', 'x\u0307'],
  ['\\overline{xy}', 'x\u0305y\u0305'],
  ['\\left( x \\right)', '(x)'],
  ['\\left[ \\frac{a}{b} \\right]', '[a/b]'],
  ['p(y \\rvert x)', 'p(y|x)'],
  ['f \\sim \\mathcal{GP}(m, k)', 'f ∼ 𝒢𝒫(m, k)'],
  ['\\epsilon \\sim \\mathcal{N}(0,\\sigma_n^2)', 'ϵ ∼ 𝒩(0, σₙ²)'],
  ['x_1, \\dots, x_n', 'x₁, …, xₙ'],
  ['a \\leq b', 'a ≤ b'],
  ['a \\geq b', 'a ≥ b'],
  ['a \\neq b', 'a ≠ b'],
  ['a \\approx b', 'a ≈ b'],
  ['x \\in X', 'x ∈ X'],
  ['a \\to b', 'a → b'],
  ['A \\Rightarrow B', 'A ⇒ B'],
  ['p \\propto q', 'p ∝ q'],
  ['\\infty', '∞'],
  ['a \\times b \\cdot c', 'a × b ⋅ c'],
  ['-x', '−x'],
  ['\\pm 1', '±1'],
  ['\\nabla f', '∇f'],
  ['\\{x \\in X : f(x)\\}', '{x ∈ X : f(x)}'],
  ['\\|x\\|', '‖x‖'],
  ['\\langle x, y \\rangle', '⟨x, y⟩'],
  ['\\text{if } x > 0', 'if x > 0'],
  ['a \\quad b', 'a  b'],
  ['L= \\mathrm{log}(p(\\pmb{y} \\rvert \\pmb{x}, \\pmb{\\theta}))', 'L = log(p(𝐲|𝐱, 𝛉))'],
  ['\\pmb{\\mathrm{f}} = [f(\\pmb{x}_1), \\dots, f(\\pmb{x}_n)]^T', '𝐟 = [f(𝐱₁), …, f(𝐱ₙ)]ᵀ'],
  ["y \\sim \\mathcal{GP}(m, k + \\sigma_n^2\\delta_{ii'})", 'y ∼ 𝒢𝒫(m, k + σₙ²δ_(ii′))'],
  // Fractions whose grouping text must make explicit (issue 21, item 15). Formulas written in the
  // style of ShortScience notes on Gaussian processes, VAEs and batch-norm papers.
  ['\\frac{a+b}{2c}', '(a + b)/(2c)'],
  ["\\exp(-\\frac{\\|\\pmb{x}-\\pmb{x}'\\|^2}{2\\ell^2})", 'exp(−‖𝐱 − 𝐱′‖²/(2ℓ²))'],
  ['\\frac{1}{2\\sigma^2}', '1/(2σ²)'],
  ['\\frac{|x-y|}{2}', '|x − y|/2'],
  ['{\\frac12}{\\frac12}', '(1/2)(1/2)'],
  ['2\\frac{1}{2}', '2(1/2)'],
  ['\\alpha_{out}\\frac{1}{\\sigma N}', 'αₒᵤₜ 1/(σN)'],
  ['\\frac{\\partial^2 f}{\\partial x^2}', '∂²f/∂x²'],
  ['\\frac{d}{dx}', 'd/dx'],
  ['\\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}', '(x − μ_B)/√(σ_B² + ϵ)'],
  // TeX that LaTeX accepts and temml rejects, read after a rewrite (issue 21, item 17).
  ['\\tau_\\max', 'τₘₐₓ'],
  ['\\text{style_fwd}', 'style_fwd'],
  ['\\mathcal{L}_\\text{content} + \\lambda \\mathcal{L}_\\text{style_fwd}', 'ℒ_(content) + λℒ_(style_fwd)'],
  ['\\lambda^\\max_t', 'λₜᵐᵃˣ'],
  // Tables and binomials on one line (issue 21, item 16).
  ['\\binom{n}{k}', 'binom(n, k)'],
  ['\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}', '(a b; c d)'],
  ['\\mathbf{W} = \\begin{bmatrix}w_{11} & w_{12}\\\\ w_{21} & w_{22}\\end{bmatrix}', '𝐖 = [w₁₁ w₁₂; w₂₁ w₂₂]'],
  ['\\begin{aligned}a&=b\\\\c&=d\\end{aligned}', 'a = b; c = d'],
  ['\\mathrm{ReLU}(x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise}\\end{cases}', 'ReLU(x) = {x, x > 0; 0, otherwise}'],
  ['\\begin{array}{cc}a&b\\\\c&d\\end{array}', 'a b; c d'],
  ['\\sum_{\\substack{i<n\\\\j<m}} x_{ij}', '∑_(i<n,j<m) xᵢⱼ'],
  // The math corpus (bench/math/corpus.jsonl: the scikit-learn, statsmodels and SciPy documentation),
  // issue 21. A fraction before a bracket or after a function name is parenthesised; before any
  // other operand it is set apart, so it never reads as taking that operand into its denominator.
  ['-\\frac{1}{2} (x-\\mu_k)^t \\Sigma^{-1}', '−(1/2)(x − μₖ)ᵗΣ⁻¹'],
  ['(z - a) \\frac{\\partial l}{\\partial z}(a)', '(z − a)(∂l/∂z)(a)'],
  ['\\log\\frac{y}{\\hat{y}}', 'log(y/y\u0302)'],
  ['\\log{\\frac{1 + n}{1+\\text{df}(t)}} + 1', 'log((1 + n)/(1 + df(t))) + 1'],
  ['y \\log \\frac{y}{\\bar{y}_m} - y', 'y log(y/y\u0304ₘ) − y'],
  ['\\frac{1}{2} ||X - Y||_{Fro}^2', '1/2 ||X − Y||_(Fro)²'],
  ['\\frac{1}{n} \\sum_i x_i', '1/n ∑ᵢ xᵢ'],
  ['\\frac{1}{|S|} \\sum_{s \\in S} P_s', '1/|S| ∑_(s∈S) Pₛ'],
  // Bars that open and close different pairs are no group; an upright capital's argument is one.
  ['\\sqrt{\\frac{|v|+|s|}{T}d(v,s)^2}', '√((|v| + |s|)/T d(v, s)²)'],
  ['\\frac{|A \\cap B|}{|B|}', '|A ∩ B|/|B|'],
  ['\\frac{x^{a-1}e^{-x}}{\\Gamma(a)}', 'xᵃ⁻¹e⁻ˣ/Γ(a)'],
  ['\\frac{1}{c(c-1)}', '1/(c(c − 1))'],
  ['\\frac{P(x|y)}{P(x)}', 'P(x|y)/(P(x))'],
  ['n\\_features', 'n_features'],
  ['\\frac{x}{2}^2', '(x/2)²'],
  ['a/\\frac{b}{c}', 'a/(b/c)'],
  ['\\frac{a}{b}!', '(a/b)!'],
  // A sign after an opening bracket is unary; a function name after a starred or bracketed script is set apart.
  ['\\exp \\Bigg(- \\frac{1}{l} d \\Bigg)', 'exp(−1/l d)'],
  ['\\gamma^{*}_{j} \\sin(\\lambda_j)', 'γⱼ∗ sin(λⱼ)'],
  ['-\\gamma^{(1)}_{j}\\sin(\\lambda_j)', '−γⱼ⁽¹⁾ sin(λⱼ)'],
  // Accents over more than a letter, stacked scripts and braces, \\mbox.
  ['\\hat{y_i}', 'y\u0302ᵢ'],
  ['\\tilde{K(X, Y)}', 'tilde(K(X, Y))'],
  ['\\widehat{xy}', 'hat(xy)'],
  ['\\underset{w}{\\operatorname{arg\\,min\\,}} ||y - Xw||_2^2', 'arg min_w ||y − Xw||₂²'],
  ['\\underset{y \\in Q_m}{\\mathrm{median}}(y)', 'median_(y∈Qₘ)(y)'],
  ['pd(x) \\overset{def}{=} E[f]', 'pd(x) =ᵈᵉᶠ E[f]'],
  ['\\hat{\\delta}\\stackrel{p}{\\rightarrow} E[Y]', 'δ̂ →ᵖ E[Y]'],
  ['y_t = \\underbrace{\\mu_{t}}_{\\text{trend}} + \\underbrace{\\gamma_{t}}_{\\text{seasonal}}', 'yₜ = μₜ_(trend) + γₜ_(seasonal)'],
  ['\\underset{\\text{Constant}}{\\underbrace{\\delta_0 + \\delta_1 t}}', '(δ₀ + δ₁t)_(Constant)'],
  ['\\underbrace{x}_{n}', 'x_n'],
  ['X_1 \\sim \\mbox{Poisson}(\\lambda_1)', 'X₁ ∼ Poisson(λ₁)'],
  // A note's macros defined elsewhere read as their names (or their usual meaning), a preamble's
  // definitions are read, a redefinition is allowed, references become text (issue 21, item 17).
  ['\\softmax(z)_i', 'softmax(z)ᵢ'],
  ['\\unknowncommand{x}', 'unknowncommand x'],
  ['\\E[X] + \\Var[X]', '𝔼[X] + Var[X]'],
  ['x \\in \\R^d', 'x ∈ ℝᵈ'],
  ['\\DeclareMathOperator{\\KL}{KL} \\KL(q \\| p)', 'KL(q‖p)'],
  ['\\newcommand{\\r}{\\rho} \\r_t', 'ρₜ'],
  ['\\mathds{1}[y = k]', '𝟙[y = k]'],
  ['a = b \\quad \\eqref{eq:loss}', 'a = b  (eq:loss)'],
  ['\\begin{align} a &= b \\\\ c &= d \\end{align}', 'a = b; c = d'],
  ['\\xrightarrow{f} y', '→ᶠ y'],
  ['a &= b \\\\ c &= d', 'a = b; c = d'],
  ['\\vspace{2mm} x', 'x'],
  ['\\href{https://example.org}{y} + 1', 'y + 1'],
  ['\\phantom{x} y', 'y'],
  ['A^{\\intercal}', 'Aᵀ'],
  ['f(x) = \\begin{cases} x, & x \\geq 0 \\\\ \\alpha(e^x - 1), & x < 0 \\end{cases}', 'f(x) = {x, x ≥ 0; α(eˣ − 1), x < 0}'],
]

// Constructs with no faithful one-line Unicode form, and TeX that temml rejects.
const asWritten = ['\\cancel{x}', '\\frac{a}{', 'x^', '{', '', '{'.repeat(3000) + 'x' + '}'.repeat(3000)]

describe('texToUnicode', () => {
  it.each(inline)('%s → %s', (tex, unicode) => {
    expect(texToUnicode(tex, false)).toEqual({ text: unicode, faithful: true })
  })

  it.each(asWritten.map((tex) => [tex.slice(0, 40), tex]))('%s stays TeX', (_, tex) => {
    expect(texToUnicode(tex, false)).toEqual({ text: tex, faithful: false })
  })

  it.each([
    ['\\sum_{i=1}^n x_i', '∑ᵢ₌₁ⁿ xᵢ'],
    ['\\lim_{n\\to\\infty} x', 'lim_(n→∞) x'],
    ['\\frac{a}{b} \\tag{1}', 'a/b    (1)'],
    ['\\begin{aligned}a &= b\\\\ c &= d\\end{aligned}', 'a = b\nc = d'],
    ['W_0 = \\alpha \\\\ W_1 = \\beta', 'W₀ = α\nW₁ = β'],
    ['a &= b \\\\ c &= d', 'a = b\nc = d'],
    ['W_0 = \\alpha \\\\[2pt] W_1 = \\frac{1}{2} \\\\', 'W₀ = α\nW₁ = 1/2'],
    // Drawn in two dimensions (columns padded with spaces, made plain at the end).
    ['\\mathbf{W} = \\begin{bmatrix}w_{11} & w_{12}\\\\ w_{21} & w_{22}\\end{bmatrix}', '𝐖 = ⎡ w₁₁  w₁₂ ⎤\n    ⎣ w₂₁  w₂₂ ⎦'],
    ['\\begin{pmatrix}a&b&c\\\\d&e&f\\\\g&h&i\\end{pmatrix}\\mathbf{x}', '⎛ a  b  c ⎞ \n⎜ d  e  f ⎟𝐱\n⎝ g  h  i ⎠ '],
    ['f(x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise}\\end{cases}', 'f(x) = ⎧ x  x > 0    \n       ⎩ 0  otherwise'],
    ['\\binom{n}{k}', '⎛ n ⎞\n⎝ k ⎠'],
    // Columns measured as printed, after runs of spaces collapse (`\\min\\left|`: a space twice).
    [
      'N =\\left\\{ \\begin{array}{cc} \\max\\left|x_{i}\\right| & \\textrm{ord}=\\textrm{inf}\\\\ \\min\\left|x_{i}\\right| & \\textrm{ord}=-\\textrm{inf}\\end{array}\\right.',
      'N = ⎧ max|xᵢ|  ord = inf \n    ⎩ min|xᵢ|  ord = −inf',
    ],
    ['\\left|\\begin{array}{cc}a&b\\\\c&d\\end{array}\\right|', '│ a  b │\n│ c  d │'],
  ])('display %s → %s', (tex, unicode) => {
    expect(texToUnicode(tex, true)).toEqual({ text: unicode, faithful: true })
  })

  it('gives the same answer from its cache', () => {
    const first = texToUnicode('\\alpha_1', false)
    expect(texToUnicode('\\alpha_1', false)).toEqual(first)
    expect(first.text).toBe('α₁')
  })
})
