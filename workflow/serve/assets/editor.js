// tilmash serve: the editor of one article in one language. Keyboard first:
// Ctrl+Enter saves and goes to the next pending segment, Ctrl+Up/Down move,
// Alt+1…9 take a memory suggestion, Alt+P shows pending segments only,
// Alt+V the preview, Ctrl+Shift+A approves (editors), Alt+H the history.
// Placeholders (<1>…</1>, <2/>) are tokens: they can be cut and pasted
// (Ctrl+X, Ctrl+V) or dragged, never broken.
'use strict';
(() => {
  const {api, el, articleURL, live} = window.tilmash;
  const body = document.body;
  const article = body.dataset.article, lang = body.dataset.lang, sourceLang = body.dataset.sourceLang;
  const mayWrite = body.dataset.mayWrite === 'true', mayReview = body.dataset.mayReview === 'true';
  const base = articleURL(article, lang);
  const list = document.getElementById('segments');
  const notice = document.getElementById('notice');
  const pending = document.getElementById('pending');
  const progress = document.getElementById('progress');
  const counts = document.getElementById('counts');
  const preview = document.getElementById('preview');
  const previewFrame = document.getElementById('preview-frame');
  const previewToggle = document.getElementById('preview-toggle');

  const rows = new Map(); // segment ID → row
  let order = []; // rows in document order
  let active = null;

  // --- placeholders -------------------------------------------------------

  // tokens cuts a text into text and placeholders, as tilmash does: <N>,
  // </N> and <N/> with N from 1 to 9999.
  function tokens(text) {
    const out = [];
    const re = /<(\/?)([1-9][0-9]{0,3})(\/?)>/g;
    let last = 0, m;
    while ((m = re.exec(text))) {
      if (m[1] && m[3]) continue;
      if (m.index > last) out.push({text: text.slice(last, m.index)});
      out.push({ph: m[0], id: m[2]});
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push({text: text.slice(last)});
    return out;
  }

  function codeTitle(ph, id, codes) {
    const c = (codes || []).find(c => String(c.id) === id);
    if (!c) return 'placeholder ' + ph;
    return ph.startsWith('</') ? c.close : c.open;
  }

  function chip(ph, id, codes) {
    const kind = ph.startsWith('</') ? 'close' : ph.endsWith('/>') ? 'alone' : 'open';
    return el('span', {class: 'ph ph-' + kind, contenteditable: 'false', 'data-ph': ph, title: codeTitle(ph, id, codes), draggable: 'true'}, ph);
  }

  function textNodes(text, codes) {
    return tokens(text).map(t => t.ph ? chip(t.ph, t.id, codes) : document.createTextNode(t.text));
  }

  // serialize reads the text of an editor back, placeholders and all.
  function serialize(root) {
    let s = '';
    const walk = n => {
      for (const c of n.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) {
          s += c.nodeValue;
        } else if (c.nodeType === Node.ELEMENT_NODE) {
          if (c.dataset && c.dataset.ph) s += c.dataset.ph;
          else if (c.tagName === 'BR') { if (c !== root.lastChild) s += '\n'; }
          else {
            if ((c.tagName === 'DIV' || c.tagName === 'P') && s && !s.endsWith('\n')) s += '\n';
            walk(c);
          }
        }
      }
    };
    walk(root);
    return s;
  }

  // insert puts text (placeholders as tokens) at the caret of an editor.
  function insert(row, text) {
    const ed = row.editor;
    const sel = getSelection();
    if (!sel.rangeCount || !ed.contains(sel.anchorNode)) caretAtEnd(ed);
    if (!tokens(text).some(t => t.ph)) {
      document.execCommand('insertText', false, text);
      return;
    }
    const r = sel.getRangeAt(0);
    r.deleteContents();
    const nodes = textNodes(text, row.seg.codes);
    const last = nodes[nodes.length - 1];
    const frag = document.createDocumentFragment();
    frag.append(...nodes);
    r.insertNode(frag);
    if (last) {
      r.setStartAfter(last);
      r.collapse(true);
      sel.removeAllRanges();
      sel.addRange(r);
    }
    edited(row);
  }

  function caretAtEnd(ed) {
    ed.focus();
    const r = document.createRange();
    r.selectNodeContents(ed);
    r.collapse(false);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  }

  function setText(row, text) {
    row.editor.replaceChildren(...textNodes(text, row.seg.codes));
  }

  // --- rows ---------------------------------------------------------------

  function isPending(row) {
    return row.seg.state === 'missing' || row.seg.state === 'stale' || !!row.seg.conflict;
  }

  function renderDiff(d) {
    const out = [];
    const re = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/g;
    let last = 0, m;
    while ((m = re.exec(d))) {
      if (m.index > last) out.push(document.createTextNode(d.slice(last, m.index)));
      out.push(m[1] !== undefined ? el('del', {}, m[1]) : el('ins', {}, m[2]));
      last = re.lastIndex;
    }
    if (last < d.length) out.push(document.createTextNode(d.slice(last)));
    return out;
  }

  function buildRow(seg) {
    const row = {id: seg.id, seg, dirty: false, checkSeq: 0};
    row.editor = el('div', {
      class: 'edit', contenteditable: mayWrite ? 'true' : 'false', role: 'textbox', 'aria-multiline': 'true',
      lang, spellcheck: 'true', 'aria-label': 'Translation of ' + seg.id, 'aria-readonly': mayWrite ? null : 'true',
    });
    row.state = el('span', {class: 'state'});
    row.badges = el('span', {class: 'badges'});
    row.source = el('div', {class: 'text', lang: sourceLang});
    row.context = el('div', {class: 'context'});
    row.findings = el('ul', {class: 'findings', 'aria-live': 'polite'});
    row.conflictBox = el('div', {class: 'conflict-box', role: 'alert', hidden: true});
    row.suggestions = el('ol', {class: 'suggestions', 'aria-label': 'Memory suggestions'});
    row.history = el('div', {class: 'history', hidden: true});
    const actions = el('div', {class: 'actions'},
      mayWrite ? el('button', {type: 'button', class: 'save', onclick: () => save(row, false)}, 'Save') : null,
      mayReview ? el('button', {type: 'button', class: 'approve', onclick: () => approve([row.id])}, 'Approve') : null,
      el('button', {type: 'button', class: 'show-history', onclick: () => toggleHistory(row)}, 'History'));
    row.el = el('section', {class: 'seg', id: 'seg-' + seg.id, 'data-id': seg.id},
      el('header', {class: 'seg-head'}, el('span', {class: 'sid'}, seg.id), row.state, row.badges, el('span', {class: 'words'}, seg.words + (seg.words === 1 ? ' word' : ' words'))),
      el('div', {class: 'cols'},
        el('div', {class: 'src'}, row.source, row.context),
        el('div', {class: 'tgt'}, row.editor, row.findings, row.conflictBox, row.suggestions)),
      actions, row.history);

    const ed = row.editor;
    ed.addEventListener('focus', () => setActive(row));
    ed.addEventListener('input', () => edited(row));
    ed.addEventListener('keydown', e => {
      if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault(); // a segment is one line; Shift+Enter breaks it
        if (e.shiftKey) document.execCommand('insertLineBreak');
      }
    });
    ed.addEventListener('paste', e => {
      e.preventDefault();
      insert(row, e.clipboardData.getData('text/plain'));
    });
    const copy = cut => e => {
      const sel = getSelection();
      if (!sel.rangeCount) return;
      const holder = el('div');
      holder.append(sel.getRangeAt(0).cloneContents());
      e.clipboardData.setData('text/plain', serialize(holder));
      e.preventDefault();
      if (cut) {
        sel.getRangeAt(0).deleteContents();
        edited(row);
      }
    };
    ed.addEventListener('copy', copy(false));
    ed.addEventListener('cut', copy(true));
    ed.addEventListener('dragstart', e => {
      const ph = e.target.closest && e.target.closest('.ph');
      if (ph) {
        e.dataTransfer.setData('text/plain', ph.dataset.ph);
        row.dragged = ph;
      }
    });
    ed.addEventListener('drop', e => {
      const text = e.dataTransfer.getData('text/plain');
      e.preventDefault();
      const pos = document.caretPositionFromPoint ? document.caretPositionFromPoint(e.clientX, e.clientY) : null;
      if (pos && ed.contains(pos.offsetNode)) {
        const r = document.createRange();
        r.setStart(pos.offsetNode, pos.offset);
        r.collapse(true);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      }
      if (row.dragged && ed.contains(row.dragged)) row.dragged.remove();
      row.dragged = null;
      insert(row, text);
    });
    apply(row, seg, true);
    return row;
  }

  // apply shows a segment as the server gives it; the editor's text only
  // when asked (not over what someone is typing).
  function apply(row, seg, text) {
    row.seg = seg;
    row.el.dataset.state = seg.state;
    row.state.textContent = seg.state;
    row.state.className = 'state state-' + seg.state;
    row.badges.replaceChildren(seg.conflict ? el('span', {class: 'badge conflict'}, 'open conflict') : '');
    row.source.replaceChildren(...textNodes(seg.source, seg.codes));
    const ctx = [];
    if (seg.diff) {
      ctx.push(el('p', {class: 'diff'}, el('span', {class: 'label'}, 'Source changed: '), ...renderDiff(seg.diff)));
      ctx.push(el('p', {class: 'prev'}, el('span', {class: 'label'}, 'The translation was made for: '), el('span', {lang: sourceLang}, seg.previous)));
    }
    if (seg.conflict) {
      ctx.push(el('div', {class: 'open-conflict'},
        el('p', {}, el('span', {class: 'label'}, 'Another translation met this one (a merge): '), el('span', {lang}, seg.conflict)),
        mayWrite ? el('button', {type: 'button', onclick: () => { setText(row, seg.conflict); edited(row); row.editor.focus(); }}, 'Use it') : null));
    }
    row.context.replaceChildren(...ctx);
    row.suggestions.replaceChildren(...seg.suggestions.map((s, i) => el('li', {},
      el('button', {type: 'button', class: 'take', title: 'Alt+' + (i + 1), onclick: () => takeSuggestion(row, i)},
        el('kbd', {}, 'Alt+' + (i + 1)), ' ', el('span', {class: 'stext', lang}, s.translation)),
      el('span', {class: 'score'}, Math.round(s.score * 100) + '% · ' + s.origin),
      el('span', {class: 'ssource', lang: sourceLang}, s.source))));
    if (text) {
      row.base = seg.base;
      row.original = seg.translation;
      row.dirty = false;
      setText(row, seg.translation);
      renderFindings(row, seg.findings);
    }
    row.el.classList.toggle('dirty', row.dirty);
  }

  function renderFindings(row, findings) {
    row.findings.replaceChildren(...(findings || []).map(f =>
      el('li', {class: 'finding ' + f.severity}, el('span', {class: 'check'}, f.check), ' ', f.message)));
  }

  function edited(row) {
    row.dirty = serialize(row.editor) !== row.original;
    row.el.classList.toggle('dirty', row.dirty);
    clearTimeout(row.timer);
    row.timer = setTimeout(() => check(row), 300);
  }

  async function check(row) {
    const seq = ++row.checkSeq;
    const {status, data} = await api('POST', base + '/check', {id: row.id, text: serialize(row.editor)});
    if (seq === row.checkSeq && status === 200) renderFindings(row, data.findings);
  }

  function takeSuggestion(row, i) {
    const s = row.seg.suggestions[i];
    if (!s || !mayWrite) return;
    setText(row, s.translation);
    caretAtEnd(row.editor);
    edited(row);
  }

  // --- saving and approving -------------------------------------------------

  function say(msg, kind) {
    notice.textContent = msg;
    notice.className = 'notice ' + (kind || 'error');
    notice.hidden = !msg;
  }

  async function save(row, next) {
    if (!mayWrite) {
      say('You may not write ' + lang + '.');
      return;
    }
    const text = serialize(row.editor);
    if (text === row.original && (row.seg.state === 'translated' || row.seg.state === 'reviewed') && !row.seg.conflict) {
      if (next) nextPending(row);
      return;
    }
    clearTimeout(row.timer);
    row.el.classList.add('saving');
    const {status, data} = await api('PUT', base + '/segments/' + encodeURIComponent(row.id), {text, base: row.base});
    row.el.classList.remove('saving');
    switch (status) {
      case 200:
        row.conflictBox.hidden = true;
        row.el.classList.remove('conflicted');
        apply(row, data.segment, true);
        coverage(data.coverage);
        say('');
        row.el.classList.add('saved');
        setTimeout(() => row.el.classList.remove('saved'), 1200);
        reloadPreview();
        if (next) nextPending(row);
        break;
      case 409:
        showConflict(row, data);
        break;
      case 422:
        renderFindings(row, (data.problems || [{message: data.message}]).map(p => ({check: 'refused', severity: 'error', message: p.message})));
        say('Not saved: ' + ((data.problems || []).map(p => p.message).join('; ') || data.message));
        break;
      default:
        say((data && data.message) || ('Not saved: error ' + status));
    }
  }

  function showConflict(row, c) {
    row.el.classList.add('conflicted');
    const version = (cls, title, text) => el('div', {class: 'version ' + cls},
      el('h3', {}, title), el('div', {class: 'text', lang}, text ? textNodes(text, row.seg.codes) : el('em', {}, '(no translation)')));
    row.conflictBox.replaceChildren(
      el('p', {class: 'why'}, el('strong', {}, 'Conflict: '), c.message + '. Nothing was written.'),
      el('div', {class: 'versions'},
        version('theirs', 'In the workspace now', c.current),
        version('yours', 'Yours, not saved', c.yours)),
      el('div', {class: 'choose'},
        el('button', {type: 'button', class: 'keep-mine', onclick: () => { row.base = c.current_base; save(row, false); }}, 'Keep mine (replace theirs)'),
        el('button', {type: 'button', class: 'take-theirs', onclick: () => {
          row.base = c.current_base;
          row.original = c.current;
          setText(row, c.current);
          edited(row);
          row.conflictBox.hidden = true;
          row.el.classList.remove('conflicted');
          row.editor.focus();
        }}, 'Take theirs')));
    row.conflictBox.hidden = false;
    say('Someone changed ' + row.id + ' while you were editing it: choose a version.');
  }

  async function approve(ids) {
    if (!mayReview || ids.length === 0) return;
    const {status, data} = await api('POST', base + '/review', {segments: ids});
    if (status !== 200) {
      say(data.message || ('Not approved: error ' + status));
      return;
    }
    for (const seg of data.segments) {
      const row = rows.get(seg.id);
      if (row) apply(row, seg, !row.dirty);
    }
    coverage(data.coverage);
    say(data.approved + ' approved' + (data.skipped.length ? '; not approved (missing or stale): ' + data.skipped.join(', ') : ''), 'ok');
  }

  async function toggleHistory(row) {
    if (!row.history.hidden) {
      row.history.hidden = true;
      return;
    }
    const {status, data} = await api('GET', base + '/segments/' + encodeURIComponent(row.id) + '/log');
    if (status !== 200) {
      row.history.replaceChildren(el('p', {}, data.message || 'No history.'));
    } else {
      row.history.replaceChildren(el('h3', {}, 'History'), el('ol', {}, ...data.versions.map(v => el('li', {class: v.current ? 'current' : ''},
        el('span', {class: 'text', lang}, textNodes(v.text, row.seg.codes)),
        el('span', {class: 'who'}, [v.by, v.on, v.via].filter(Boolean).join(' · ') + (v.current ? ' · current' : ''))))));
    }
    row.history.hidden = false;
  }

  // --- moving around ------------------------------------------------------

  function visible() {
    return order.filter(r => !r.el.hidden);
  }

  function setActive(row) {
    if (active && active !== row) active.el.classList.remove('active');
    active = row;
    row.el.classList.add('active');
  }

  function focusRow(row) {
    if (!row) return;
    setActive(row);
    caretAtEnd(row.editor);
    row.el.scrollIntoView({block: 'nearest'});
  }

  function move(step) {
    const vis = visible();
    const i = vis.indexOf(active);
    focusRow(vis[Math.max(0, Math.min(vis.length - 1, i + step))]);
  }

  function nextPending(from) {
    const i = order.indexOf(from);
    for (let k = 1; k <= order.length; k++) {
      const r = order[(i + k) % order.length];
      if (!r.el.hidden && isPending(r)) {
        focusRow(r);
        return;
      }
    }
    say('Every segment is translated.', 'ok');
  }

  function filter() {
    for (const r of order) r.el.hidden = pending.checked && !isPending(r) && r !== active;
  }

  function coverage(c) {
    const done = c.translated + c.reviewed;
    progress.max = c.segments || 1;
    progress.value = done;
    counts.textContent = done + ' of ' + c.segments + ' translated · ' + c.reviewed + ' reviewed · ' +
      c.missing + ' missing · ' + c.stale + ' stale · ' + c.words_pending + ' words pending' +
      (c.conflicts ? ' · ' + c.conflicts + ' open conflicts' : '');
  }

  function reloadPreview() {
    if (!preview.hidden) previewFrame.src = '/preview/' + encodeURIComponent(article) + '/' + encodeURIComponent(lang) + '?at=' + Date.now();
  }

  function togglePreview() {
    preview.hidden = !preview.hidden;
    previewToggle.setAttribute('aria-expanded', String(!preview.hidden));
    body.classList.toggle('with-preview', !preview.hidden);
    reloadPreview();
  }

  document.addEventListener('keydown', e => {
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && e.key === 'Enter') {
      e.preventDefault();
      if (active) save(active, true);
    } else if (ctrl && !e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.altKey && !ctrl && /^Digit[1-9]$/.test(e.code)) {
      e.preventDefault();
      if (active) takeSuggestion(active, Number(e.code.slice(5)) - 1);
    } else if (e.altKey && !ctrl && e.code === 'KeyP') {
      e.preventDefault();
      pending.checked = !pending.checked;
      filter();
    } else if (e.altKey && !ctrl && e.code === 'KeyV') {
      e.preventDefault();
      togglePreview();
    } else if (e.altKey && !ctrl && e.code === 'KeyH') {
      e.preventDefault();
      if (active) toggleHistory(active);
    } else if (ctrl && e.shiftKey && e.code === 'KeyA') {
      e.preventDefault();
      if (active) approve([active.id]);
    }
  });
  pending.addEventListener('change', filter);
  previewToggle.addEventListener('click', togglePreview);
  const approveVisible = document.getElementById('approve-visible');
  if (approveVisible) approveVisible.addEventListener('click', () => approve(visible().map(r => r.id)));

  // --- loading --------------------------------------------------------------

  async function load(first) {
    const {status, data} = await api('GET', base + '/segments');
    if (status !== 200) {
      if (first) list.replaceChildren(el('p', {class: 'error'}, data.message || ('Error ' + status)));
      else say(data.message || ('Error ' + status));
      return;
    }
    document.getElementById('title').textContent = data.title;
    coverage(data.coverage);
    const same = data.segments.length === order.length && data.segments.every((s, i) => order[i].id === s.id);
    if (!first && same) {
      for (const seg of data.segments) {
        const row = rows.get(seg.id);
        if (!row.dirty && JSON.stringify(seg) !== JSON.stringify(row.seg)) apply(row, seg, true);
      }
      return;
    }
    if (!first && order.some(r => r.dirty)) {
      say('The article changed (a sync): save what you are typing, then reload the page.');
      return;
    }
    rows.clear();
    order = data.segments.map(buildRow);
    for (const r of order) rows.set(r.id, r);
    list.replaceChildren(...order.map(r => r.el));
    filter();
    if (first) {
      const start = order.find(isPending) || order[0];
      if (start && mayWrite) focusRow(start);
      body.dataset.ready = 'true';
    }
  }

  load(true);
  live(() => load(false));
})();
