(() => {
  const cfg = __CONFIG__;
  const lang = cfg.lang;
  const setAttr = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  // our navigation: a named landmark, the current page marked, the default page's link a real address
  const fixNav = () => {
    const box = document.querySelector(".st-key-" + cfg.nav.key);
    if (!box) return;
    setAttr(box, "role", "navigation");
    setAttr(box, "aria-label", cfg.nav.label);
    box.querySelectorAll('a[data-testid="stPageLink-NavLink"]').forEach((a) => {
      let href = a.getAttribute("href") || "";
      if (href === "" || href.startsWith("?")) { href = "./" + href; a.setAttribute("href", href); }
      const path = href.replace(/^\.?\//, "").split("?")[0];
      if (path === cfg.nav.current) setAttr(a, "aria-current", "page");
      else if (a.hasAttribute("aria-current")) a.removeAttribute("aria-current");
    });
  };
  // Streamlit's English names and texts, in the UI's language
  const fixWords = () => {
    // each name is made from Streamlit's own (kept in data-canlian-orig), never from one we set: an
    // observer of the previous language may rename a button after it was drawn in the new one
    const rename = (el, make, attr = "aria-label") => {
      const cap = attr.replace(/(^|-)(.)/g, (_, __, c) => c.toUpperCase());  // AriaLabel, Title, Placeholder
      const [origKey, nameKey] = ["canlianOrig" + cap, "canlianName" + cap];
      const label = el.getAttribute(attr);
      const orig = el.dataset[nameKey] === label && el.dataset[origKey] ? el.dataset[origKey] : label;
      const name = make(orig);
      if (!name || name === label) return;
      el.dataset[origKey] = orig;
      el.dataset[nameKey] = name;
      el.setAttribute(attr, name);
    };
    // "Fullscreen: (the chart's title)": the words before the colon are Streamlit's
    const labelled = (orig) => {
      if (Object.hasOwn(cfg.words.labels, orig)) return cfg.words.labels[orig];
      const m = /^([^:]+): ([\s\S]+)$/.exec(orig || "");
      return m && Object.hasOwn(cfg.words.labels, m[1]) ? cfg.words.labels[m[1]] + cfg.words.colon + m[2] : null;
    };
    document.querySelectorAll('[data-testid="stTooltipIcon"] button[aria-label]').forEach((b) => rename(b, (orig) => {
      const m = /^Help for ([\s\S]*)$/.exec(orig);
      return m ? cfg.words.help_for.replace("{label}", m[1]) : orig === "Help" ? cfg.words.help : null;
    }));
    for (const attr of ["aria-label", "title", "placeholder"]) {
      document.querySelectorAll(`[${attr}]`).forEach((el) => {
        if (el.closest(".js-plotly-plot")) return;  // plotly's own buttons speak the chart's locale
        rename(el, labelled, attr);
      });
    }
    // texts: each text node keeps Streamlit's original (a WeakMap shared by every run's observer)
    const origs = (window.__canlianOrigText ||= new WeakMap());
    document.querySelectorAll(cfg.words.text_places).forEach((place) => {
      const walk = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const node = walk.currentNode;
        const said = node.nodeValue;
        const kept = origs.get(node);
        const orig = kept && kept.said === said ? kept.orig : said;
        const bare = orig.trim();
        let word = Object.hasOwn(cfg.words.texts, bare) ? cfg.words.texts[bare] : null;
        for (const [pattern, text] of cfg.words.text_patterns) {
          if (word !== null) break;
          const m = new RegExp(pattern).exec(bare);
          if (m) word = text.replace("{n}", m[1]);
        }
        if (word === null || word === said) continue;
        origs.set(node, { orig, said: word });
        node.nodeValue = word;
      }
    });
    document.querySelectorAll('[data-testid="stFileUploaderDropzone"]').forEach((zone) => {
      zone.querySelectorAll("p, span").forEach((el) => {
        if (el.children.length) return;
        const said = el.textContent.trim();
        if (cfg.words.upload[said]) { el.textContent = cfg.words.upload[said]; return; }
        const m = /^(\S+) per file(?: • (.+))?$/.exec(said);
        if (m) {
          const types = m[2] ? m[2].split(/,\s*/).join(cfg.words.list_sep) : "";
          el.textContent = cfg.words[types ? "upload_limit" : "upload_limit_any"].replace("{size}", m[1]).replace("{types}", types);
        }
      });
    });
  };
  const fix = () => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    fixNav();
    fixWords();
    document.querySelectorAll('[data-testid="stMetricChart"]:not([aria-hidden])')
      .forEach((el) => el.setAttribute("aria-hidden", "true"));
  };
  fix();
  if (window.__canlianA11y) window.__canlianA11y.disconnect();
  let queued = false;
  window.__canlianA11y = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(); });
  });
  // attributes too: Streamlit sets a tooltip's English name again when its label changes
  window.__canlianA11y.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["aria-label", "title", "placeholder", "href"] });
})();
