// Filters of the report's story list (search over the stories and their articles, dates, outlet, thread).
(() => {
  const form = document.getElementById("report-filters");
  if (!form) return;
  const rows = Array.from(document.querySelectorAll(".index tr.story-row"));
  const cache = new Map();
  const byHref = (a) => document.getElementById(a.getAttribute("href").slice(1));
  const textOf = (row) => {
    if (!cache.has(row)) {
      let text = row.dataset.search + " ";
      const section = byHref(row.querySelector("a.story-link"));
      if (section) {
        text += section.textContent + " ";
        for (const link of section.querySelectorAll("a.article-link")) {
          const article = byHref(link);
          if (article) text += article.textContent + " ";
        }
      }
      cache.set(row, text.toLowerCase());
    }
    return cache.get(row);
  };
  const apply = () => {
    const words = form.q.value.toLowerCase().split(/\s+/).filter(Boolean);
    const from = form.date_from.value, to = form.date_to.value, source = form.source.value, thread = form.thread.value;
    let shown = 0;
    for (const row of rows) {
      let ok = words.every((w) => textOf(row).includes(w));
      if (ok && (from || to) && !row.dataset.first) ok = false;
      if (ok && from && row.dataset.last < from) ok = false;
      if (ok && to && row.dataset.first > to) ok = false;
      if (ok && source) ok = row.dataset.sources.split("|").includes(source);
      if (ok && thread) ok = row.dataset.thread === thread;
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    document.getElementById("shown").textContent = String(shown);
  };
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
})();
