// The blocked pull requests as one self-contained HTML page (`report --html FILE`): a table a person
// can sort by any column and filter, with its style and script inline, so the file can be mailed,
// attached to a CI run or opened from disk with no other request.
import { type BlockedPullRequest, countPullRequests, formatSince, groupByReason, REASON_TEXT, REASONS, shownItems } from './blocked.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
p.note { color: #59636e; margin: .25rem 0 1rem; }
.controls { display: flex; gap: .75rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
input, select { font: inherit; padding: .3rem .5rem; border: 1px solid #d1d9e0; border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d1d9e0; vertical-align: top; }
th { background: #f6f8fa; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.missing code { background: #f6f8fa; padding: 0 .2rem; border-radius: 4px; }
td.since { white-space: nowrap; }
.state-error { color: #9a6700; }
.state-missing { color: #cf222e; }
dl.reasons dt { font-weight: 600; margin-top: .5rem; }
dl.reasons dd { margin: 0 0 0 1rem; color: #59636e; }
`;

// Sorting compares each cell's data-sort value (numbers as numbers), stable on ties; filtering
// hides rows whose text does not contain every word typed, or whose reason is not the one chosen.
const SCRIPT = `
(function () {
  var table = document.getElementById('blocked');
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  var filter = document.getElementById('filter');
  var reason = document.getElementById('reason');
  var shown = document.getElementById('shown');
  function key(row, i) {
    var cell = row.cells[i];
    var v = cell.getAttribute('data-sort');
    if (v === null) v = cell.textContent.trim().toLowerCase();
    return v;
  }
  function compare(a, b) {
    var na = Number(a), nb = Number(b);
    if (a !== '' && b !== '' && !isNaN(na) && !isNaN(nb)) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortBy(i) {
    var th = headers[i];
    var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (var j = 0; j < headers.length; j++) headers[j].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir);
    var rows = Array.prototype.slice.call(body.rows).map(function (row, n) { return { row: row, n: n, k: key(row, i) }; });
    rows.sort(function (x, y) { return (dir === 'ascending' ? 1 : -1) * compare(x.k, y.k) || x.n - y.n; });
    rows.forEach(function (x) { body.appendChild(x.row); });
  }
  function apply() {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var wanted = reason.value;
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var text = row.textContent.toLowerCase();
      var ok = (!wanted || row.getAttribute('data-reason') === wanted) && words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = String(count);
  }
  for (var i = 0; i < headers.length; i++) {
    headers[i].addEventListener('click', sortBy.bind(null, i));
    headers[i].tabIndex = 0;
    headers[i].addEventListener('keydown', function (e) { if (e.key === 'Enter') e.target.click(); });
  }
  filter.addEventListener('input', apply);
  reason.addEventListener('change', apply);
  apply();
})();
`;

export interface HtmlOptions {
  title?: string;
  notes?: string[];
}

export function reportHtml(entries: readonly BlockedPullRequest[], opts: HtmlOptions = {}): string {
  const title = opts.title ?? 'Pull requests blocked by a check';
  const groups = groupByReason(entries);
  const rows = groups.flatMap((g) =>
    g.rows.map(({ entry: e, items }) => {
      const { shown, more } = shownItems(items);
      const missing =
        shown.map((m) => `<code>${escapeHtml(m.who)}</code>${m.detail ? ` ${escapeHtml(m.detail)}` : ''}`).join(', ') +
        (more > 0 ? `, and ${more} more` : '');
      return (
        `<tr data-reason="${g.reason}">` +
        `<td data-sort="${REASONS.indexOf(g.reason)}">${escapeHtml(REASON_TEXT[g.reason].title)}</td>` +
        `<td data-sort="${escapeHtml(`${e.repository.toLowerCase()}#${String(e.number).padStart(10, '0')}`)}"><a href="${escapeHtml(e.url)}">${escapeHtml(`${e.repository}#${e.number}`)}</a></td>` +
        `<td>${escapeHtml(e.check)}</td>` +
        `<td class="state-${e.state}">${e.state}</td>` +
        `<td class="missing">${missing}</td>` +
        // Not yet published sorts after every date.
        `<td class="since" data-sort="${escapeHtml(e.since ?? '9999')}">${escapeHtml(formatSince(e.since))}</td>` +
        '</tr>'
      );
    }),
  );
  const options = groups
    .map((g) => `<option value="${g.reason}">${escapeHtml(REASON_TEXT[g.reason].title)} (${g.rows.length})</option>`)
    .join('');
  const reasons = groups.map((g) => `<dt>${escapeHtml(REASON_TEXT[g.reason].title)}</dt><dd>${escapeHtml(REASON_TEXT[g.reason].fix)}</dd>`).join('');
  const count = countPullRequests(entries);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${(opts.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
<p class="note">${count === 0 ? 'No open pull request is blocked by a check.' : `${count} open pull request${count === 1 ? '' : 's'} blocked. “Since” is when the failing status was set on the pull request’s current head commit: a push restarts it.`}</p>
<div class="controls">
<label>Filter <input id="filter" type="search" placeholder="repository, login, email…"></label>
<label>Reason <select id="reason"><option value="">all</option>${options}</select></label>
<span><span id="shown">${rows.length}</span> of ${rows.length} rows</span>
</div>
<table id="blocked">
<thead><tr><th>Reason</th><th>Pull request</th><th>Check</th><th>State</th><th>Missing</th><th>Since</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<dl class="reasons">${reasons}</dl>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
