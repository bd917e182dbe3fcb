/** The stylesheet of the HTML export: a readable column, quiet colours, and a print layout. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --text: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --accent: #1a5fb4; --code: #f4f4f6; }
@media (prefers-color-scheme: dark) { :root { --text: #e8e8ea; --muted: #a0a4ab; --rule: #3a3a40; --accent: #8ab4f8; --code: #26262b; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2.5rem 1.25rem 4rem; color: var(--text); background: Canvas;
  font: 1.0625rem/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
h1, h2, h3 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.25; }
h1 { font-size: 2rem; margin: 0 0 .25rem; }
header .meta { color: var(--muted); margin: 0 0 2rem; }
nav.toc { border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: .5rem 0 1rem; margin-bottom: 2.5rem; }
nav.toc h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
nav.toc ol { padding-left: 1.5rem; margin: 0; }
nav.toc li { margin: .2rem 0; }
a { color: var(--accent); text-underline-offset: .15em; }
article.paper { margin: 0 0 3rem; }
article.paper > h2 { font-size: 1.45rem; margin: 0 0 .4rem; }
.byline { margin: 0; font-style: italic; }
.paper-meta { margin: .2rem 0 1rem; color: var(--muted); font-size: .95rem; }
.summary { border-left: 3px solid var(--rule); padding-left: 1rem; margin: 1.25rem 0; }
.summary > h3 { font-size: 1rem; color: var(--muted); font-weight: 600; margin: 0 0 .5rem; }
.tags { margin: 0 0 .75rem; }
.tag { display: inline-block; font: .8rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); border-radius: .25rem; padding: 0 .4rem; margin-right: .3rem; }
.body h1, .body h2, .body h3, .body h4 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.body img, img.figure { display: block; max-width: 100%; height: auto; margin: 1rem auto; }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
code { background: var(--code); border-radius: .2rem; padding: .05em .3em; }
pre { background: var(--code); padding: .75rem 1rem; overflow-x: auto; border-radius: .3rem; }
pre code { padding: 0; background: none; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid var(--rule); padding: .3rem .6rem; }
math { font-size: 1.05em; }
.math-display { overflow-x: auto; text-align: center; }
.empty { color: var(--muted); font-style: italic; }
.notice { color: var(--muted); font-style: italic; }
pre.plain { white-space: pre-wrap; overflow-wrap: anywhere; }
a.image-link { font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; background: #fff; }
  a { color: inherit; }
  nav.toc { page-break-after: always; }
  article.paper { page-break-inside: auto; }
  article.paper > h2, .summary > h3 { page-break-after: avoid; }
  img, pre, table { page-break-inside: avoid; }
  .paper-meta a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
`
