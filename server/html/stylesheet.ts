/**
 * The small stylesheet of the server-rendered pages (home, messages, organiser area),
 * kept in a module so that it ships with the compiled server without a copy step.
 */

/** URL at which the stylesheet is served. */
export const STYLESHEET_PATH = '/static/site.css';

export const STYLESHEET = `
:root { color-scheme: light; --ink: #1c1c28; --muted: #55586a; --accent: #1d4f91; --line: #d6d8e1; --bad: #a1111f; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f7f7fa; }
main, .site-header, .static-notice { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
.site-header { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
.site-header .brand { font-weight: 600; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.notice { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 1rem; border-radius: 4px; }
.error { color: var(--bad); font-weight: 600; }
form.inline { display: inline; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input[type=password], input[type=text], input[type=date], input[type=number], select, textarea { font: inherit; padding: .5rem; width: min(100%, 28rem); border: 1px solid var(--muted); border-radius: 4px; background: #fff; color: var(--ink); }
textarea { width: min(100%, 40rem); }
select:focus-visible, textarea:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 1rem 0; padding: .5rem 1rem; }
legend { font-weight: 600; }
.choice label { display: inline; font-weight: normal; }
.early-question { background: #fff; }
.early-question label.choice { font-weight: normal; padding: .25rem 0; }
.nav { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; flex-wrap: wrap; }
.error-box { border: 1px solid var(--bad); border-left: 4px solid var(--bad); background: #fff; padding: .5rem 1rem; border-radius: 4px; margin: 1rem 0; }
a.button { display: inline-block; padding: .45rem 1rem; border-radius: 4px; background: var(--accent); color: #fff; text-decoration: none; }
a.button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.table-wrap { overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.inline-form { display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; margin: 1rem 0; }
.site-footer { max-width: 60rem; margin: 2rem auto 0; padding: 1rem 1.25rem; border-top: 1px solid var(--line); }
td.suppressed { color: var(--muted); font-style: italic; }
button { font: inherit; padding: .45rem 1rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef0f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); font-size: .9rem; }
`;
