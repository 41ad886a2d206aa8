// plotly.js from this server (ui/client_assets.py), loaded once per page
const loadPlotly = (url) => {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__canlianPlotly) {
    window.__canlianPlotly = new Promise((ok, no) => {
      const s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = () => (window.Plotly ? ok(window.Plotly) : no(new Error('no Plotly')));
      s.onerror = () => { window.__canlianPlotly = null; no(new Error('plotly.js did not load')); };
      document.head.appendChild(s);
    });
  }
  return window.__canlianPlotly;
};

// each slide's chart drawn here as an SVG picture, the slide on screen first; a picture
// that cannot be drawn says so, with its caption, where the chart would be
async function drawCharts(root, charts, failed) {
  const sig = root.dataset.sig;
  const imgs = Array.from(root.querySelectorAll('img[data-chart]')).filter((img) => img.dataset.drawn !== sig);
  if (!imgs.length) return;
  const cur = parseInt(root.dataset.index || '0', 10);
  imgs.sort((a, b) => Math.abs(+a.dataset.chart - cur) - Math.abs(+b.dataset.chart - cur));
  const fail = (img) => {
    const note = document.createElement('div');
    note.className = 'chart-failed';
    note.textContent = failed + (img.alt || '');
    img.replaceWith(note);
  };
  let P;
  try { P = await loadPlotly(charts.url); } catch (e) { imgs.forEach(fail); return; }
  for (const img of imgs) {
    if (root.dataset.sig !== sig || !img.isConnected) return;  // a newer deck is on screen
    try {
      const spec = JSON.parse(charts.specs[img.dataset.chart]);
      img.src = await P.toImage({ data: spec.data, layout: spec.layout },
        { format: 'svg', width: charts.w, height: charts.h });
      img.dataset.drawn = sig;
    } catch (e) { fail(img); }
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector('.ss-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'ss-root';
    root.tabIndex = 0;
    root.setAttribute('role', 'region');
    parentElement.appendChild(root);
  }
  root.setAttribute('aria-label', data.labels.region);
  root.classList.toggle('show', data.mode === 'show');
  root.dataset.mode = data.mode;
  if (root.dataset.sig !== data.sig) {
    root.dataset.sig = data.sig;
    root.innerHTML = '<div class="ss-stage">' + data.slides.join('') + '</div>' +
      '<div class="ss-bar" role="toolbar">' +
      '<button data-a="prev"></button><span class="ss-count" aria-live="polite"></span>' +
      '<button data-a="next"></button><button data-a="full"></button><button data-a="mode"></button></div>';
    root.dataset.index = String(Math.min(Math.max(data.start, 0), data.slides.length - 1));
  }
  const stage = root.querySelector('.ss-stage');
  const slides = Array.from(stage.children);
  const bar = root.querySelector('.ss-bar');
  const btn = (a) => bar.querySelector(`[data-a="${a}"]`);
  btn('prev').textContent = '◀ ' + data.labels.prev;
  btn('next').textContent = data.labels.next + ' ▶';
  btn('full').textContent = data.labels.full;
  btn('mode').textContent = data.mode === 'show' ? data.labels.leave : data.labels.start;
  btn('full').title = data.labels.full_help;
  btn('mode').title = data.mode === 'show' ? data.labels.leave_help : data.labels.start_help;

  const index = () => parseInt(root.dataset.index || '0', 10);
  const fit = () => {
    const w = root.clientWidth, h = root.clientHeight;
    const s = Math.min(w / __W__, h / __H__);
    stage.style.transform = `translate(${(w - __W__ * s) / 2}px, ${(h - __H__ * s) / 2}px) scale(${s})`;
    // the overlay's right edge at the slide's x = BAR_RIGHT, clear of the number at its right end
    bar.style.right = `${(w - __W__ * s) / 2 + (__W__ - __BAR_RIGHT__) * s}px`;
    bar.style.bottom = `${(h - __H__ * s) / 2 + 6 * s}px`;
  };
  const go = (i) => {
    i = Math.min(Math.max(i, 0), slides.length - 1);
    root.dataset.index = String(i);
    slides.forEach((el, k) => el.classList.toggle('on', k === i));
    canlianFit(slides[i]);
    bar.querySelector('.ss-count').textContent = data.labels.count.replace('{n}', i + 1).replace('{total}', slides.length);
    btn('prev').disabled = i === 0;
    btn('next').disabled = i === slides.length - 1;
    try {
      const u = new URL(window.location.href);
      if (u.searchParams.get('slide') !== String(i + 1)) {
        u.searchParams.set('slide', String(i + 1));
        window.history.replaceState(window.history.state, '', u);
      }
    } catch (e) { /* an address that cannot be rewritten: the slide is still shown */ }
  };
  const full = () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
  };
  const toggleMode = () => setTriggerValue(data.mode === 'show' ? 'leave' : 'start', index() + 1);
  let timer = null;
  const wake = () => {
    bar.classList.remove('hide');
    clearTimeout(timer);
    if (data.mode === 'show' || document.fullscreenElement) timer = setTimeout(() => bar.classList.add('hide'), 2000);
  };
  bar.onclick = (e) => {
    const a = e.target.closest('button')?.dataset.a;
    if (a === 'prev') go(index() - 1);
    if (a === 'next') go(index() + 1);
    if (a === 'full') full();
    if (a === 'mode') toggleMode();
  };
  const onKey = (e) => {
    const t = e.composedPath ? e.composedPath()[0] : e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k === 'ArrowRight' || k === 'PageDown' || (k === ' ' && data.mode === 'show')) go(index() + 1);
    else if (k === 'ArrowLeft' || k === 'PageUp') go(index() - 1);
    else if (k === 'Home') go(0);
    else if (k === 'End') go(slides.length - 1);
    else if (k === 'f' || k === 'F') full();
    else if (k === 'Escape' && data.mode === 'show' && !document.fullscreenElement) toggleMode();
    else return;
    e.preventDefault();
  };
  // kiosk (?show=1&auto=20): the next slide every data.auto seconds, the first after the last;
  // a key or a click starts the count again
  let auto = null;
  const tick = () => {
    clearInterval(auto);
    if (data.mode === 'show' && data.auto > 0 && slides.length > 1) {
      auto = setInterval(() => go((index() + 1) % slides.length), data.auto * 1000);
    }
  };
  root.dataset.auto = String(data.mode === 'show' ? data.auto || 0 : 0);
  const onKeyAuto = (e) => { onKey(e); tick(); };
  document.addEventListener('keydown', onKeyAuto);
  root.addEventListener('mousemove', wake);
  const ro = new ResizeObserver(fit);
  ro.observe(root);
  document.addEventListener('fullscreenchange', wake);
  fit();
  go(index());
  wake();
  if (data.charts) drawCharts(root, data.charts, data.labels.chart_failed);
  if (data.mode === 'show') root.focus({ preventScroll: true });
  tick();
  return () => {
    clearInterval(auto);
    document.removeEventListener('keydown', onKeyAuto);
    document.removeEventListener('fullscreenchange', wake);
    root.removeEventListener('mousemove', wake);
    ro.disconnect();
    clearTimeout(timer);
  };
}
