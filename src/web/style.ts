/**
 * The pages' one stylesheet, served as /assets/web.css. The fonts are the pictures' own subsets of
 * Noto Sans TC (fonts/), first in every stack: the page reads the same as its charts everywhere, and
 * no system font that only claims a Chinese character (and draws an empty box) gets to draw it.
 */
export const STYLESHEET = `
@font-face { font-family: 'Noto Sans TC'; src: url(/assets/fonts/core-regular.ttf) format('truetype'); font-weight: 400; font-display: swap; }
@font-face { font-family: 'Noto Sans TC'; src: url(/assets/fonts/core-bold.ttf) format('truetype'); font-weight: 700; font-display: swap; }
@font-face { font-family: 'ParamQuiz Common'; src: url(/assets/fonts/common-regular.ttf) format('truetype'); font-weight: 400; font-display: swap; }
:root {
  --text: #1f2328; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #3b6fb6; --good: #2f8f46; --bad: #c2413b;
  --font: 'Noto Sans TC', 'ParamQuiz Common', 'PingFang TC', 'Microsoft JhengHei', system-ui, sans-serif;
  /* A worked formula names its terms in Chinese too (800 個 γ): the same Chinese fonts after the monospace ones. */
  --mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans TC', 'ParamQuiz Common', monospace;
}
pre, code { font-family: var(--mono); }
* { box-sizing: border-box; }
body { margin: 0; font-family: var(--font); color: var(--text); background: #fff; font-size: 15px; line-height: 1.5; }
header.top { display: flex; align-items: center; gap: 16px; padding: 10px 24px; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; color: var(--accent); }
header.top nav.lang { margin-left: auto; font-size: 14px; }
header.top nav.lang a, header.top nav.lang strong { margin-left: 10px; }
main { max-width: 1200px; margin: 0 auto; padding: 8px 24px 40px; }
h1 { font-size: 26px; margin: 18px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 4px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.note, p.sub { color: var(--muted); margin: 4px 0 12px; }
a { color: var(--accent); }
nav.tabs { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
nav.tabs a, nav.tabs strong { padding: 4px 12px; border: 1px solid var(--line); border-radius: 14px; text-decoration: none; font-size: 14px; }
nav.tabs strong { background: var(--accent); color: #fff; border-color: var(--accent); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 180px; }
.card .label { color: var(--muted); font-size: 13px; }
.card .value { font-size: 22px; font-weight: 700; }
.card .detail { color: var(--muted); font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.cell { text-align: right; white-space: nowrap; }
td.cell small, td small { display: block; color: var(--muted); font-size: 12px; }
td.name { white-space: nowrap; max-width: 240px; overflow: hidden; text-overflow: ellipsis; }
tr.total td { font-weight: 700; }
.good { color: var(--good); }
.bad { color: var(--bad); }
.bar { display: inline-block; height: 8px; background: var(--accent); border-radius: 4px; vertical-align: middle; margin-left: 6px; }
.pager { display: flex; gap: 16px; align-items: center; color: var(--muted); font-size: 14px; margin: 6px 0 18px; }
.question { max-width: 520px; }
.prompt p { margin: 0 0 6px; }
td.common { max-width: 320px; }
code { font-size: 13px; background: var(--soft); padding: 0 3px; border-radius: 3px; }
.question pre, pre.work { white-space: pre-wrap; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; font-size: 12.5px; margin: 6px 0; }
.chart { margin: 8px 0; max-width: 100%; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
.chart svg text { font-family: 'Noto Sans TC', 'ParamQuiz Common', sans-serif !important; }
ul.skills { padding-left: 20px; }
.miss { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; margin: 10px 0; }
.downloads a { margin-right: 18px; }
footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); margin-top: 36px; padding-top: 10px; }
.forbidden { max-width: 640px; margin: 60px auto; }
`;
