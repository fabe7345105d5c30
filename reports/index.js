// wsharness index.html: verdict counts, filters and the matrix of
// cases × (subject, role, transport), drawn from the JSON array embedded in
// the page. Only one page of rows is in the DOM at a time, so 5,000 results
// stay responsive. Every string from the data goes into the DOM through
// textContent or an attribute, never through innerHTML.
"use strict";
(function () {
  const VERDICTS = ["PASS", "NON-STRICT", "INFORMATIONAL", "FAIL", "ERROR", "TIMEOUT", "SKIP"];
  const SHORT = { "PASS": "Pass", "NON-STRICT": "Non-strict", "INFORMATIONAL": "Info", "FAIL": "Fail",
                  "ERROR": "Error", "TIMEOUT": "Timeout", "SKIP": "Skip" };
  const ROLE_ORDER = { server: 0, client: 1, pair: 2 };
  const ROWS_PER_PAGE = 200;
  const KEYS = ["subject", "role", "transport", "verdict", "area", "unexpected", "q", "page"];

  // Script errors are recorded on <body> so a headless test can see them.
  window.addEventListener("error", function (event) {
    document.body.dataset.scriptErrors = (document.body.dataset.scriptErrors || "") + event.message + "\n";
  });

  const data = JSON.parse(document.getElementById("wsh-data").textContent);
  const results = data.results;
  const subjectOrder = new Map();
  (data.subjects || []).forEach(function (name) { if (!subjectOrder.has(name)) subjectOrder.set(name, subjectOrder.size); });
  const rowOrder = new Map();    // result id -> first position: the catalogue's order
  const areaOrder = new Map();
  results.forEach(function (r, n) {
    r.n = n;
    // The harness judged each result once (its `outcome`); the page only reads it.
    r.unexpected = r.outcome === "unexpected";
    r.xpass = r.outcome === "xpass";
    r.notReproduced = r.outcome === "not-reproduced";
    // A known departure: as expected, and the baseline expects something other
    // than PASS (INFORMATIONAL is what informational cases always expect).
    r.known = r.outcome === "as-expected" && r.verdict !== "PASS" && r.verdict !== "INFORMATIONAL";
    r.haystack = [r.id, r.title, r.reason, r.subject, r.rfc, r.autobahn, r.verdict, r.area].join("\n").toLowerCase();
    if (!subjectOrder.has(r.subject)) subjectOrder.set(r.subject, subjectOrder.size);
    if (!rowOrder.has(r.id)) rowOrder.set(r.id, rowOrder.size);
    if (!areaOrder.has(r.area)) areaOrder.set(r.area, areaOrder.size);
  });

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) for (const name in attrs) if (attrs[name] !== undefined && attrs[name] !== null) node.setAttribute(name, attrs[name]);
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function formatMs(ms) { return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s"; }
  function uniqueSorted(values, order) {
    const list = Array.from(new Set(values));
    return order ? list.sort(function (a, b) { return order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0); }) : list.sort();
  }

  // ---- state, kept in the URL hash (index.html#verdict=FAIL&subject=beast)
  function readState() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const state = {};
    KEYS.forEach(function (key) { state[key] = params.get(key) || ""; });
    state.page = Math.max(0, parseInt(state.page, 10) || 0);
    return state;
  }
  function writeState(state) {
    const params = new URLSearchParams();
    KEYS.forEach(function (key) { if (state[key]) params.set(key, String(state[key])); });
    const hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    render();
  }
  function matches(r, state, ignoreVerdict) {
    if (state.subject && r.subject !== state.subject) return false;
    if (state.role && r.role !== state.role) return false;
    if (state.transport && r.transport !== state.transport) return false;
    if (!ignoreVerdict && state.verdict && r.verdict !== state.verdict) return false;
    if (state.area && r.area !== state.area) return false;
    if (state.unexpected && !r.unexpected) return false;
    if (state.q && r.haystack.indexOf(state.q.toLowerCase()) < 0) return false;
    return true;
  }

  // ---- filter controls
  const form = document.getElementById("filters");
  function fillSelect(key, values, label) {
    const select = document.getElementById("f-" + key);
    values.forEach(function (value) { select.appendChild(el("option", { value: value }, [label ? label(value) : value])); });
  }
  fillSelect("subject", uniqueSorted(results.map(function (r) { return r.subject; }), function (s) { return subjectOrder.get(s); }));
  fillSelect("role", uniqueSorted(results.map(function (r) { return r.role; }), function (s) { return ROLE_ORDER[s] === undefined ? 9 : ROLE_ORDER[s]; }));
  fillSelect("transport", uniqueSorted(results.map(function (r) { return r.transport; })));
  fillSelect("verdict", VERDICTS.concat(uniqueSorted(results.map(function (r) { return r.verdict; })).filter(function (v) { return VERDICTS.indexOf(v) < 0; })));
  fillSelect("area", uniqueSorted(results.map(function (r) { return r.area; }), function (a) { return areaOrder.get(a); }));

  let searchTimer = null;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", function (event) {
    const target = event.target;
    const key = target.dataset.key;
    if (!key) return;
    const apply = function () {
      const state = readState();
      state[key] = target.type === "checkbox" ? (target.checked ? "1" : "") : target.value;
      state.page = 0;
      writeState(state);
    };
    clearTimeout(searchTimer);
    if (key === "q") searchTimer = setTimeout(apply, 150); else apply();
  });
  document.getElementById("f-clear").addEventListener("click", function () { writeState({}); });
  window.addEventListener("hashchange", render);

  function syncControls(state) {
    form.querySelectorAll("[data-key]").forEach(function (control) {
      const value = state[control.dataset.key] || "";
      if (control.type === "checkbox") control.checked = !!value;
      else if (control.value !== value && document.activeElement !== control) control.value = value;
    });
  }

  // ---- verdict counts (over the other filters, so a click narrows the view)
  function renderCounts(state) {
    const counts = {};
    let shown = 0, unexpected = 0, xpass = 0, notReproduced = 0;
    results.forEach(function (r) {
      if (!matches(r, state, true)) return;
      counts[r.verdict] = (counts[r.verdict] || 0) + 1;
      if (r.unexpected) unexpected++;
      if (r.xpass) xpass++;
      if (r.notReproduced) notReproduced++;
      if (!state.verdict || r.verdict === state.verdict) shown++;
    });
    const box = document.getElementById("counts");
    box.textContent = "";
    VERDICTS.concat(Object.keys(counts).filter(function (v) { return VERDICTS.indexOf(v) < 0; })).forEach(function (verdict) {
      const count = counts[verdict] || 0;
      const button = el("button", { type: "button", class: "count v-" + verdict.replace(/[^A-Z-]/g, "") + (state.verdict === verdict ? " active" : ""),
                                    "data-verdict": verdict, "data-count": String(count) },
                        [el("b", null, [String(count)]), " " + verdict]);
      button.addEventListener("click", function () {
        const next = readState();
        next.verdict = next.verdict === verdict ? "" : verdict;
        next.page = 0;
        writeState(next);
      });
      box.appendChild(button);
    });
    const surprises = el("button", { type: "button", class: "count unexpected-count" + (state.unexpected ? " active" : ""),
                                     "data-count": String(unexpected) }, [el("b", null, [String(unexpected)]), " unexpected"]);
    surprises.addEventListener("click", function () {
      const next = readState();
      next.unexpected = next.unexpected ? "" : "1";
      next.page = 0;
      writeState(next);
    });
    box.appendChild(surprises);
    box.appendChild(el("span", { class: "count xpass-count", "data-count": String(xpass),
                                 title: "an expected departure that passed: fixed? narrow the baseline entry" },
                       [el("b", null, [String(xpass)]), " xpass"]));
    box.appendChild(el("span", { class: "count not-reproduced-count", "data-count": String(notReproduced),
                                 title: "a known race that did not show in any of its repeats" },
                       [el("b", null, [String(notReproduced)]), " not reproduced"]));
    box.appendChild(el("span", { id: "shown-count", class: "shown", "data-count": String(shown) },
                       ["showing " + shown + " of " + results.length + " results"]));
  }

  // ---- the matrix
  function columnKey(r) { return r.subject + "\u0000" + r.role + "\u0000" + r.transport; }
  function cellFor(r) {
    const title = r.id + "\n" + r.subject + " · " + r.role + " · " + r.transport + "\n" + r.verdict +
      (r.unexpected ? " (expected " + r.expected + ")" : r.xpass ? " (XPASS: expected " + r.expected + ")" :
       r.notReproduced ? " (race not reproduced: expected " + r.expected + ")" :
       r.known ? " (known: in the baseline)" : "") +
      " · " + formatMs(r.ms) + (r.reason ? "\n" + r.reason : "") +
      // Black-box mode: the application part is not observed, never passed.
      (r.observed === "wire-only" ? "\napplication: not observed (wire only)" :
       r.observed === "probe" ? "\napplication: observed by the probe" : "");
    const classes = "cell v-" + r.verdict.replace(/[^A-Z-]/g, "") + (r.unexpected ? " unexpected" : "") +
      (r.xpass ? " xpass" : "") + (r.notReproduced ? " not-reproduced" : "") + (r.known ? " known" : "");
    const label = SHORT[r.verdict] || r.verdict;
    const content = [r.page ? el("a", { href: r.page }, [label]) : el("span", null, [label])];
    if (r.unexpected) content.push(el("span", { class: "mark-unexpected", title: "expected " + r.expected }, ["!"]));
    if (r.xpass) content.push(el("span", { class: "mark-xpass", title: "XPASS: expected " + r.expected }, ["↑"]));
    if (r.observed === "wire-only")
      content.push(el("span", { class: "mark-not-observed", title: "application not observed (wire only)" }, ["w"]));
    if (r.notReproduced)
      content.push(el("span", { class: "mark-not-reproduced", title: "race not reproduced: expected " + r.expected }, ["?"]));
    if (r.known) content.push(el("span", { class: "mark-known", title: "known departure, in the baseline" }, ["⚑"]));
    content.push(el("span", { class: "ms" }, [formatMs(r.ms)]));
    return el("td", { class: classes, "data-verdict": r.verdict, "data-n": String(r.n), title: title }, content);
  }

  function renderMatrix(state) {
    const shown = results.filter(function (r) { return matches(r, state, false); });
    // Columns: every (subject, role, transport) left by the column filters,
    // so subjects sit side by side for comparison.
    const columns = [];
    const seen = new Set();
    results.forEach(function (r) {
      if ((state.subject && r.subject !== state.subject) || (state.role && r.role !== state.role) ||
          (state.transport && r.transport !== state.transport)) return;
      const key = columnKey(r);
      if (!seen.has(key)) { seen.add(key); columns.push({ key: key, subject: r.subject, role: r.role, transport: r.transport }); }
    });
    columns.sort(function (a, b) {
      return subjectOrder.get(a.subject) - subjectOrder.get(b.subject) ||
        (ROLE_ORDER[a.role] === undefined ? 9 : ROLE_ORDER[a.role]) - (ROLE_ORDER[b.role] === undefined ? 9 : ROLE_ORDER[b.role]) ||
        (a.transport < b.transport ? -1 : a.transport > b.transport ? 1 : 0);
    });
    const columnIndex = new Map(columns.map(function (c, i) { return [c.key, i]; }));

    // Rows: result ids with at least one shown result, grouped by area.
    const rows = new Map();
    shown.forEach(function (r) {
      let row = rows.get(r.id);
      if (!row) { row = { id: r.id, area: r.area, title: r.title, rfc: r.rfc, autobahn: r.autobahn, cells: new Array(columns.length) }; rows.set(r.id, row); }
      const at = columnIndex.get(columnKey(r));
      if (at !== undefined) row.cells[at] = r;
    });
    const ordered = Array.from(rows.values()).sort(function (a, b) {
      return areaOrder.get(a.area) - areaOrder.get(b.area) || rowOrder.get(a.id) - rowOrder.get(b.id);
    });
    const pages = Math.max(1, Math.ceil(ordered.length / ROWS_PER_PAGE));
    const page = Math.min(state.page, pages - 1);
    const slice = ordered.slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE);

    const table = document.getElementById("matrix");
    table.textContent = "";
    document.getElementById("empty").hidden = ordered.length > 0;
    if (ordered.length === 0) { renderPager(0, 0, 0); return shown; }

    // Three header rows: subject, role, transport (spans merge equal runs).
    const head = el("thead");
    [["subject", "Subject"], ["role", "Role"], ["transport", "Transport"]].forEach(function (level, depth) {
      const tr = el("tr", { class: "head-" + level[0] });
      tr.appendChild(el("th", { class: "corner" }, [depth === 0 ? "Case" : ""]));
      for (let i = 0; i < columns.length;) {
        let span = 1;
        const same = function (j) {
          for (let d = 0; d <= depth; d++) { const k = ["subject", "role", "transport"][d]; if (columns[j][k] !== columns[i][k]) return false; }
          return true;
        };
        while (i + span < columns.length && same(i + span)) span++;
        tr.appendChild(el("th", { colspan: String(span), class: "col-" + level[0] + (depth < 2 ? " group" : "") }, [columns[i][level[0]]]));
        i += span;
      }
      head.appendChild(tr);
    });
    table.appendChild(head);

    const body = el("tbody");
    let area = null;
    slice.forEach(function (row) {
      if (row.area !== area) {
        area = row.area;
        body.appendChild(el("tr", { class: "area-row" }, [el("th", { colspan: String(columns.length + 1) }, [area || "(no area)"])]));
      }
      const name = el("th", { class: "case-name", scope: "row", title: row.title + (row.rfc ? "\nRFC 6455 " + row.rfc : "") +
                                (row.autobahn ? "\nAutobahn " + row.autobahn : "") }, [row.id]);
      const tr = el("tr", { class: "case-row" }, [name]);
      for (let i = 0; i < columns.length; i++) {
        const r = row.cells[i];
        if (r) { tr.appendChild(cellFor(r)); continue; }
        // No result here: the case does not apply to that role, or the filters hide it.
        tr.appendChild(el("td", { class: "none" }));
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    renderPager(page, pages, ordered.length);
    return shown;
  }

  function renderPager(page, pages, rowCount) {
    const box = document.getElementById("pager");
    box.textContent = "";
    if (pages <= 1) {
      box.appendChild(el("span", null, [rowCount + " case row" + (rowCount === 1 ? "" : "s")]));
      return;
    }
    const go = function (to) { return function () { const state = readState(); state.page = to; writeState(state); }; };
    const prev = el("button", { type: "button" }, ["‹ previous"]);
    prev.disabled = page === 0;
    prev.addEventListener("click", go(page - 1));
    const next = el("button", { type: "button" }, ["next ›"]);
    next.disabled = page >= pages - 1;
    next.addEventListener("click", go(page + 1));
    box.appendChild(prev);
    box.appendChild(el("span", { class: "page-of" }, [" rows " + (page * ROWS_PER_PAGE + 1) + "–" +
      Math.min(rowCount, (page + 1) * ROWS_PER_PAGE) + " of " + rowCount + " (page " + (page + 1) + " of " + pages + ") "]));
    box.appendChild(next);
  }

  function renderSlowest(shown) {
    const table = document.getElementById("slowest-table");
    table.textContent = "";
    const slowest = shown.slice().sort(function (a, b) { return b.ms - a.ms; }).slice(0, 10);
    table.appendChild(el("thead", null, [el("tr", null, ["Duration", "Result", "Subject", "Role", "Transport", "Verdict"].map(function (h) { return el("th", null, [h]); }))]));
    const body = el("tbody");
    slowest.forEach(function (r) {
      body.appendChild(el("tr", null, [
        el("td", { class: "num" }, [formatMs(r.ms)]),
        el("td", null, [r.page ? el("a", { href: r.page }, [r.id]) : r.id]),
        el("td", null, [r.subject]), el("td", null, [r.role]), el("td", null, [r.transport]),
        el("td", null, [el("span", { class: "badge v-" + r.verdict.replace(/[^A-Z-]/g, "") }, [r.verdict])]),
      ]));
    });
    table.appendChild(body);
  }

  function render() {
    const started = performance.now();
    const state = readState();
    syncControls(state);
    renderCounts(state);
    renderSlowest(renderMatrix(state));
    // For the browser test and for anyone curious how long a view takes.
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
    document.body.dataset.ready = "yes";
  }
  render();
})();
