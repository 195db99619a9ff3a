// tilmash serve: what the overview and the editor share. Every text from
// the workspace goes into the page as text (append, textContent), never as
// markup.
'use strict';
window.tilmash = (() => {
  const csrf = document.body.dataset.csrf || '';

  // api calls the JSON API and returns {status, data}.
  async function api(method, url, body) {
    const opts = {method, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    if (method !== 'GET') opts.headers['X-CSRF-Token'] = csrf;
    let res;
    try {
      res = await fetch(url, opts);
    } catch (e) {
      return {status: 0, data: {error: 'network', message: 'The server cannot be reached: is tilmash serve still running?'}};
    }
    let data;
    try {
      data = await res.json();
    } catch (e) {
      data = {error: 'bad_response', message: res.status + ' ' + res.statusText};
    }
    return {status: res.status, data};
  }

  // el makes an element; strings among the children become text nodes.
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const k of kids.flat()) {
      if (k !== null && k !== undefined && k !== false) e.append(k instanceof Node ? k : String(k));
    }
    return e;
  }

  function articleURL(article, lang) {
    return '/api/articles/' + encodeURIComponent(article) + '/' + encodeURIComponent(lang);
  }

  // live calls onChange whenever the workspace's files change (not for the
  // first event, which only says how they are now).
  function live(onChange, onState) {
    let first = true;
    const es = new EventSource('/api/events');
    es.addEventListener('change', () => {
      if (onState) onState(true);
      if (first) { first = false; return; }
      onChange();
    });
    es.addEventListener('error', () => { if (onState) onState(false); });
    return es;
  }

  return {api, el, articleURL, live};
})();
