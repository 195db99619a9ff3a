// tilmash serve: the coverage matrix, articles × languages, kept up to date
// by the server's change events.
'use strict';
(() => {
  const {api, el, live} = window.tilmash;
  const langs = document.body.dataset.langs.split(' ');
  const tbody = document.querySelector('#matrix tbody');
  const status = document.getElementById('live');
  const states = ['reviewed', 'translated', 'stale', 'missing'];

  function cell(name, r) {
    const bar = el('span', {class: 'stack', 'aria-hidden': 'true'});
    for (const s of states) {
      const part = el('span', {class: 'b-' + s});
      part.style.inlineSize = (r.segments ? 100 * r[s] / r.segments : 0) + '%';
      bar.append(part);
    }
    const done = r.translated + r.reviewed;
    return el('td', {'data-article': name, 'data-lang': r.lang, class: done === r.segments ? 'done' : ''},
      el('a', {class: 'pct', href: '/edit/' + encodeURIComponent(name) + '/' + encodeURIComponent(r.lang),
        'aria-label': r.lang + ': ' + Math.floor(r.percent) + '% translated, open the editor'}, Math.floor(r.percent) + '%'),
      bar,
      el('span', {class: 'counts'},
        r.missing + ' missing · ' + r.stale + ' stale · ' + r.translated + ' translated · ' + r.reviewed + ' reviewed'),
      el('span', {class: 'pending'}, r.words_pending + ' words pending'),
      r.conflicts ? el('span', {class: 'badge conflict'}, r.conflicts + (r.conflicts === 1 ? ' conflict' : ' conflicts')) : null,
      r.out_of_date ? el('span', {class: 'badge stale'}, 'article changed: run tilmash sync') : null);
  }

  function render(rows) {
    const articles = new Map();
    for (const r of rows) {
      if (!articles.has(r.article)) articles.set(r.article, {title: r.title, source: r.source_lang, rows: {}});
      articles.get(r.article).rows[r.lang] = r;
    }
    const trs = [];
    for (const [name, a] of articles) {
      const tr = el('tr', {},
        el('th', {scope: 'row'}, el('span', {class: 'atitle', lang: a.source}, a.title), el('span', {class: 'aname'}, name)));
      for (const l of langs) {
        const r = a.rows[l];
        tr.append(r ? cell(name, r) : el('td', {class: 'source'}, l === a.source ? 'source' : '—'));
      }
      trs.push(tr);
    }
    if (trs.length === 0) trs.push(el('tr', {}, el('td', {colspan: langs.length + 1}, 'No articles yet: put Markdown files into the articles folder and run tilmash sync.')));
    tbody.replaceChildren(...trs);
  }

  let busy = false, again = false;
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    const {status: code, data} = await api('GET', '/api/status');
    busy = false;
    if (code !== 200) {
      status.textContent = data.message || ('Error ' + code);
      status.className = 'live error';
    } else {
      render(data.rows);
      status.textContent = 'Live · updated ' + new Date().toLocaleTimeString();
      status.className = 'live';
    }
    if (again) { again = false; refresh(); }
  }

  refresh();
  live(refresh, up => { if (!up) { status.textContent = 'Not live: the server cannot be reached'; status.className = 'live error'; } });
})();
