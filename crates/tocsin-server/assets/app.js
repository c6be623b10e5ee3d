// tocsin's web UI: a map, a timeline, a filterable list and event pages over the JSON API.
// Every text from the store is untrusted (it comes from scraped pages): it is only ever put
// in the page as text nodes (textContent), never as HTML, and only http(s) URLs become links.
'use strict';

const $ = (s) => document.querySelector(s);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function safeHref(u) {
  try {
    const x = new URL(u, location.href);
    return x.protocol === 'http:' || x.protocol === 'https:' ? x.href : null;
  } catch (_) {
    return null;
  }
}

function filters() {
  const f = {};
  for (const [k, v] of new FormData($('#filters'))) if (String(v).trim()) f[k] = String(v).trim();
  return f;
}

function qs(o) {
  return new URLSearchParams(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)).toString();
}

const figureText = (f) => (f ? (f.exact ? String(f.min) : (f.min !== null ? '≥' + f.min : '≤' + f.max)) : '');

// The map: Natural Earth countries as the base layer (no tile server, works offline).
const map = L.map('map', { worldCopyJump: true, minZoom: 1 }).setView([20, 15], 2);
fetch('/assets/countries-110m.json')
  .then((r) => r.json())
  .then((topo) => {
    L.geoJSON(topojson.feature(topo, topo.objects.countries), {
      style: { color: '#8a9aa9', weight: 0.6, fillColor: '#f3f1ea', fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    markers.bringToFront && markers.eachLayer((m) => m.bringToFront());
  });
const markers = L.featureGroup().addTo(map);

function drawMarkers(events) {
  markers.clearLayers();
  for (const e of events) {
    const p = e.place;
    if (!p || p.lat === null || p.lon === null || p.lat === undefined) continue;
    const k = e.killed ? e.killed.min || e.killed.max || 0 : 0;
    const m = L.circleMarker([p.lat, p.lon], {
      radius: 5 + Math.sqrt(k),
      color: '#8b0000',
      fillColor: '#d03030',
      fillOpacity: 0.7,
      weight: 1,
      className: 'event-marker',
    });
    m.bindTooltip(`${e.type} ${e.date || ''} ${p.name || ''}`.trim(), { sticky: true });
    m.on('click', () => openEvent(e.id));
    m.addTo(markers);
  }
}

// Bars of event counts per period, drawn into `box` (the main timeline, an entity's trend).
function drawBars(box, counts, label) {
  box.replaceChildren();
  if (!counts.length) return;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const w = 1000, h = 80, max = Math.max(...counts.map((c) => c.events));
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const bw = Math.min(40, w / counts.length);
  counts.forEach((c, i) => {
    const r = document.createElementNS(ns, 'rect');
    const bh = Math.max(1, (c.events / max) * (h - 4));
    r.setAttribute('x', i * bw + 1);
    r.setAttribute('y', h - bh);
    r.setAttribute('width', Math.max(1, bw - 2));
    r.setAttribute('height', bh);
    const t = document.createElementNS(ns, 'title');
    t.textContent = `${c.period}: ${c.events}`;
    r.append(t);
    svg.append(r);
  });
  box.append(svg);
  const first = counts[0].period, last = counts[counts.length - 1].period;
  box.append(el('div', { class: 'muted axis', text: first === last ? first : `${first} … ${last}` }));
}

const drawTimeline = (counts) => drawBars($('#timeline'), counts, 'events per month');

function drawList(events, total) {
  $('#summary').textContent = `${total} events` + (total > events.length ? ` (showing ${events.length})` : '');
  const body = $('#events tbody');
  body.replaceChildren(
    ...events.map((e) => {
      const tr = el('tr', { 'data-id': e.id },
        el('td', { text: e.date || '' }),
        el('td', { text: e.type }),
        el('td', { text: e.place ? `${e.place.name}${e.place.country ? ' (' + e.place.country + ')' : ''}` : '' }),
        el('td', { text: figureText(e.killed) }),
        el('td', { text: figureText(e.injured) }),
        el('td', { text: (e.perpetrators || []).map((p) => p.name).join('; ') }));
      tr.addEventListener('click', () => openEvent(e.id));
      return tr;
    }));
}

async function load() {
  const f = filters();
  const [ev, counts] = await Promise.all([
    fetch('/api/events?' + qs({ ...f, limit: 500 })).then((r) => r.json()),
    fetch('/api/counts?' + qs({ ...f, bucket: 'month' })).then((r) => r.json()),
  ]);
  if (ev.error) {
    $('#summary').textContent = ev.error.message;
    return;
  }
  drawList(ev.events, ev.total);
  drawMarkers(ev.events);
  drawTimeline(counts.counts || []);
  for (const [id, fmt] of [['#export', 'csv'], ['#export-acled', 'acled'], ['#export-gtd', 'gtd'], ['#export-parquet', 'parquet']]) {
    $(id).setAttribute('href', '/api/export?' + qs({ ...f, format: fmt }));
  }
}

// UTF-8 byte offsets (as the API gives them) → text.
function byteSlicer(text) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return (a, b) => dec.decode(bytes.slice(a, b));
}

function articleWithEvidence(text, spans) {
  const cut = byteSlicer(text);
  const total = new TextEncoder().encode(text).length;
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out = el('div', { class: 'text' });
  let pos = 0;
  for (const [a, b] of sorted) {
    if (a < pos || b <= a || b > total) continue;
    out.append(cut(pos, a));
    out.append(el('mark', { class: 'evidence', text: cut(a, b) }));
    pos = b;
  }
  out.append(cut(pos, total));
  return out;
}

async function openEvent(id) {
  const e = await fetch('/api/events/' + encodeURIComponent(id)).then((r) => r.json());
  const box = $('#event');
  box.hidden = false;
  $('#entity').hidden = true;
  if (e.error) {
    box.replaceChildren(el('p', { text: e.error.message }));
    return;
  }
  const src = (e.sources || [])[0];
  const figure = (name, f) => (f ? el('li', {}, el('span', { class: 'figure', text: `${name}: ${figureText(f)}` }), ` (“${f.text}”${f.exact ? '' : ', a bound'})`) : null);
  const perps = (e.perpetrators || []).map((p) => el('li', {}, entityLink(p.name), ` — ${p.attribution}`));
  const link = src && safeHref(src.url);
  box.replaceChildren(...[
    el('h2', { text: `${e.type} ${e.date ? '· ' + e.date : ''}` }),
    el('p', { text: e.place ? `${e.place.name}${e.place.country ? ', ' + e.place.country : ''} (${e.place.precision})` : 'place unknown' }),
    el('ul', {}, figure('Killed', e.killed), figure('Injured', e.injured), ...perps),
    (e.notes || []).length ? el('p', { class: 'muted', text: e.notes.join(' ') }) : null,
    src ? el('p', {}, 'Source: ', link ? el('a', { href: link, rel: 'noopener noreferrer nofollow', target: '_blank', text: src.title || link }) : el('span', { text: src.title || '' })) : null,
  ].filter((x) => x !== null));
  if (src) {
    const art = await fetch('/api/articles/' + encodeURIComponent(src.article_id)).then((r) => r.json());
    if (!art.error) {
      const spans = [...(e.evidence || [])];
      box.append(el('h3', { text: art.title || '' }), articleWithEvidence(art.text, spans));
      const first = box.querySelector('mark.evidence');
      if (first) first.scrollIntoView({ block: 'nearest' });
    }
  }
}

// A link to a person's or organization's page.
function entityLink(name) {
  const a = el('a', { href: '#entity=' + encodeURIComponent(name), class: 'entity-link', text: name });
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    openEntity(name);
  });
  return a;
}

// An entity's page: how often it is named, its events per month (the "is it resurging?"
// question) and its latest events.
async function openEntity(name) {
  const box = $('#entity');
  $('#event').hidden = true;
  box.hidden = false;
  const [ent, counts, evs] = await Promise.all([
    fetch('/api/entities/' + encodeURIComponent(name)).then((r) => r.json()),
    fetch('/api/counts?' + qs({ actor: name, bucket: 'month' })).then((r) => r.json()),
    fetch('/api/events?' + qs({ actor: name, limit: 20 })).then((r) => r.json()),
  ]);
  const facts = ent.error
    ? 'not in the entity table (events that name it in their articles are below)'
    : `${ent.label === 'PER' ? 'person' : 'organization'} · named in ${ent.articles} article${ent.articles === 1 ? '' : 's'} · perpetrator in ${ent.events} event${ent.events === 1 ? '' : 's'}` +
      (ent.first_seen ? ` · ${ent.first_seen} … ${ent.last_seen}` : '');
  const trend = el('div', { class: 'trend', 'aria-label': 'events per month' });
  const show = el('button', { type: 'button', text: 'Show on the map' });
  show.addEventListener('click', () => {
    $('#filters').elements.actor.value = name;
    load();
loadEntities();
  });
  const list = el('ul', { class: 'entity-events' },
    ...(evs.events || []).map((e) => {
      const a = el('a', { href: '#', text: `${e.date || 'undated'} · ${e.type} · ${e.place ? e.place.name : 'place unknown'}` });
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        openEvent(e.id);
      });
      return el('li', {}, a);
    }));
  box.replaceChildren(
    el('h2', { text: ent.error ? name : ent.name }),
    el('p', { class: 'muted', text: facts }),
    el('h3', { text: 'Events per month' }),
    trend,
    show,
    el('h3', { text: `Latest events (${evs.total || 0})` }),
    list,
  );
  drawBars(trend, counts.counts || [], `events per month naming ${name}`);
}

async function loadEntities() {
  const res = await fetch('/api/entities?limit=12').then((r) => r.json());
  $('#entities').replaceChildren(...(res.entities || []).map((e) => el('li', {}, entityLink(e.name), el('span', { class: 'muted', text: ` ${e.articles}` }))));
}

$('#filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  load();
loadEntities();
});

$('#search').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const q = new FormData($('#search')).get('q');
  const res = await fetch('/api/search?' + qs({ q, limit: 20 })).then((r) => r.json());
  $('#hits').replaceChildren(
    ...(res.hits || []).map((h) => el('div', { class: 'hit' }, el('strong', { text: h.title || h.doc_id }), el('div', { class: 'muted', text: h.snippet }))),
  );
});

load();
loadEntities();
