/* The "Cek aturan" form: one control per fact, a date, and the answer with its citations.
 *
 * Reads the exported policy from <script id="cek-policy" type="application/json"> and asks
 * the evaluator of cek.js. Every piece of policy text goes into the page through textContent
 * (never innerHTML), so quoted law text and titles cannot become markup. Values can be preset
 * from the address: ?at=2021-07-22&wilayah=KOTA%20SIBOLGA&kegiatan=makan_di_tempat
 */
(function () {
  "use strict";

  var TEXT = {
    id: {
      date: "Tanggal", run: "Periksa", unknown: "— tidak diketahui —", derived: "dihitung oleh aturan bila dikosongkan",
      inForce: "Instrumen yang berlaku: ", none: "Tidak ada instrumen yang berlaku pada tanggal ini.",
      measures: "Ketentuan yang berlaku", measure: "Ketentuan", value: "Nilai", rule: "Aturan", basis: "Dasar",
      derivedFacts: "Fakta yang ditentukan aturan", fact: "Fakta", undetermined: "Tidak ditentukan oleh aturan mana pun: ",
      conflicts: "Aturan yang bertentangan", conflictOf: "Aturan tidak sepakat tentang ", noMeasure: "Tidak ada ketentuan yang berlaku untuk fakta ini.",
      per: "Menurut tafsiran: ", source: "Kode aturan", gives: " memberi ", more: "Fakta lain",
      overrides: "Mengesampingkan ",
      errors: { date: "Tanggal tidak valid.", value: "Nilai tidak valid untuk ", range: "Nilai di luar rentang untuk ",
        region: "Kab/kota tidak dikenal: ", unknown: "Fakta tidak dikenal: " }
    },
    en: {
      date: "Date", run: "Check", unknown: "— unknown —", derived: "decided by the rules when left empty",
      inForce: "Instruments in force: ", none: "No instrument is in force on this date.",
      measures: "Measures that apply", measure: "Measure", value: "Value", rule: "Rule", basis: "Basis",
      derivedFacts: "Facts decided by rules", fact: "Fact", undetermined: "Decided by no rule: ",
      conflicts: "Conflicting rules", conflictOf: "The rules disagree about ", noMeasure: "No measure applies to these facts.",
      per: "Per interpretation: ", source: "Rule code", gives: " gives ", more: "Other facts",
      overrides: "Overrides ",
      errors: { date: "Invalid date.", value: "Invalid value for ", range: "Value out of range for ",
        region: "Unknown kab/kota: ", unknown: "Unknown fact: " }
    }
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function defaultDate(policy) {
    var starts = [];
    policy.instruments.forEach(function (i) { if (!i.external) i.periods.forEach(function (p) { starts.push(p[0]); }); });
    starts.sort();
    return starts.length ? starts[starts.length - 1] : "";
  }

  function control(fact, t, regionsId) {
    var id = "cek-fact-" + fact.name, kind = fact.type.kind, node;
    if (kind === "enum" || kind === "bool") {
      node = el("select", { id: id, name: fact.name });
      node.appendChild(el("option", { value: "", text: t.unknown }));
      (kind === "bool" ? ["true", "false"] : fact.type.values).forEach(function (v) {
        node.appendChild(el("option", { value: v, text: v }));
      });
    } else if (kind === "date") {
      node = el("input", { id: id, name: fact.name, type: "date" });
    } else {
      node = el("input", { id: id, name: fact.name, type: "text", autocomplete: "off" });
      if (kind === "region") node.setAttribute("list", regionsId);
      var hint = { percent: "25%", time: "17:00", "int": "0", number: "0.0" }[kind];
      if (hint) node.setAttribute("placeholder", hint);
    }
    return node;
  }

  function citeBlock(cites) {
    var box = el("div", { "class": "cek-cite" });
    (cites || []).forEach(function (c) {
      box.appendChild(el("div", { "class": "cek-cite-label", text: c.label }));
      if (c.text) box.appendChild(el("blockquote", { "class": "cek-cite-text", text: c.text }));
    });
    return box;
  }

  function ruleBlock(m, rulesById, t) {
    var rule = rulesById[m.rule];
    var box = el("div", { "class": "cek-rule" });
    box.appendChild(el("div", { "class": "cek-rule-title", text: (m.title || m.rule) }));
    box.appendChild(el("code", { "class": "cek-rule-id", text: m.rule }));
    if (rule && rule.per && rule.per.length) box.appendChild(el("div", { "class": "cek-per", text: t.per + rule.per.join(", ") }));
    (m.overrides || []).forEach(function (o) {
      box.appendChild(el("div", { "class": "cek-overrides", text: t.overrides + o.rule + t.gives + o.value }));
    });
    if (rule && rule.source) {
      var details = el("details", {}, [el("summary", { text: t.source }), el("pre", {}, [el("code", { text: rule.source })])]);
      box.appendChild(details);
    }
    return box;
  }

  function render(out, engine, decision, t, rulesById) {
    while (out.firstChild) out.removeChild(out.firstChild);
    if (decision.errors.length) {
      var errs = el("ul", { "class": "cek-errors" });
      decision.errors.forEach(function (e) {
        errs.appendChild(el("li", { text: e.fact === null ? t.errors.date : t.errors[e.error] + e.fact }));
      });
      out.appendChild(errs);
    }
    if (!decision.in_force.length) {
      out.appendChild(el("p", { "class": "cek-in-force cek-none", text: t.none }));
      return;
    }
    var titles = {};
    engine.instruments.forEach(function (i) { titles[i.id] = i.title; });
    out.appendChild(el("p", { "class": "cek-in-force", text: t.inForce + decision.in_force.map(function (i) {
      return titles[i] ? i + " (" + titles[i] + ")" : i;
    }).join("; ") }));
    var names = Object.keys(decision.measures);
    out.appendChild(el("h3", { text: t.measures }));
    if (!names.length) out.appendChild(el("p", { "class": "cek-no-measure", text: t.noMeasure }));
    else {
      var body = el("tbody");
      engine.measureNames.forEach(function (name) {
        var m = decision.measures[name];
        if (!m) return;
        body.appendChild(el("tr", { "data-measure": name }, [
          el("td", {}, [el("code", { text: name })]), el("td", { "class": "cek-value", text: m.value }),
          el("td", {}, [ruleBlock(m, rulesById, t)]), el("td", {}, [citeBlock(m.cites)])]));
      });
      out.appendChild(el("div", { "class": "cek-measures" }, [el("table", {}, [
        el("thead", {}, [el("tr", {}, [t.measure, t.value, t.rule, t.basis].map(function (h) { return el("th", { text: h }); }))]), body])]));
    }
    var derived = Object.keys(decision.facts).filter(function (n) { return decision.facts[n].rule; });
    if (derived.length) {
      out.appendChild(el("h3", { text: t.derivedFacts }));
      var fbody = el("tbody");
      derived.forEach(function (n) {
        var f = decision.facts[n];
        fbody.appendChild(el("tr", { "data-fact": n }, [el("td", {}, [el("code", { text: n })]),
          el("td", { "class": "cek-value", text: f.value }), el("td", {}, [el("code", { text: f.rule })]),
          el("td", {}, [citeBlock(f.cites)])]));
      });
      out.appendChild(el("div", { "class": "cek-facts" }, [el("table", {}, [
        el("thead", {}, [el("tr", {}, [t.fact, t.value, t.rule, t.basis].map(function (h) { return el("th", { text: h }); }))]), fbody])]));
    }
    if (decision.conflicts.length) {
      out.appendChild(el("h3", { text: t.conflicts }));
      decision.conflicts.forEach(function (c) {
        var box = el("div", { "class": "cek-conflict", "data-conflict": c.name }, [el("p", { text: t.conflictOf + c.name })]);
        c.candidates.forEach(function (k) {
          box.appendChild(el("p", { text: k.rule + t.gives + k.value }));
          box.appendChild(citeBlock(k.cites));
        });
        out.appendChild(box);
      });
    }
    if (decision.undetermined.length) {
      out.appendChild(el("p", { "class": "cek-undetermined", text: t.undetermined + decision.undetermined.join(", ") }));
    }
  }

  function start() {
    var app = document.getElementById("cek-app"), data = document.getElementById("cek-policy");
    if (!app || !data || !window.PpkmCek) return;
    var policy = JSON.parse(data.textContent);
    var engine = new window.PpkmCek.Engine(policy);
    var t = TEXT[app.getAttribute("data-lang")] || TEXT.id;
    var rulesById = {};
    policy.rules.forEach(function (r) { rulesById[r.id] = r; });
    var form = el("form", { id: "cek-form", "class": "cek-form" });
    var regionsId = "cek-regions";
    var list = el("datalist", { id: regionsId });
    policy.regions.forEach(function (r) { list.appendChild(el("option", { value: r })); });
    form.appendChild(list);
    var at = el("input", { id: "cek-at", name: "at", type: "date", value: defaultDate(policy) });
    form.appendChild(el("div", { "class": "cek-field" }, [el("label", { "for": "cek-at", text: t.date }), at]));
    var controls = {};
    var primary = new Set(policy.primary || []);
    var others = policy.facts.filter(function (f) { return !primary.has(f.name); });
    var more = el("details", { id: "cek-more", "class": "cek-more" }, [el("summary", { text: t.more + " (" + others.length + ")" })]);
    var moreGrid = el("div", { "class": "cek-form cek-form--more" });
    more.appendChild(moreGrid);
    function field(f, into) {
      if (f.type.kind === "text") return;
      var c = control(f, t, regionsId);
      controls[f.name] = c;
      var note = f.derived ? " (" + t.derived + ")" : "";
      into.appendChild(el("div", { "class": "cek-field" }, [el("label", { "for": c.id, text: f.name }), c,
        el("small", { text: (f.doc || "") + note })]));
    }
    policy.facts.forEach(function (f) { if (primary.has(f.name)) field(f, form); });
    others.forEach(function (f) { field(f, moreGrid); });
    if (others.length) form.appendChild(more);
    form.appendChild(el("button", { id: "cek-run", type: "submit", "class": "md-button md-button--primary", text: t.run }));
    var out = el("div", { id: "cek-result", "aria-live": "polite" });
    app.appendChild(form);
    app.appendChild(out);

    var params = new URLSearchParams(window.location.search);
    if (params.get("at")) at.value = params.get("at");
    Object.keys(controls).forEach(function (n) {
      if (params.get(n) === null) return;
      controls[n].value = params.get(n);
      if (!primary.has(n)) more.open = true;
    });

    function run(event) {
      if (event) event.preventDefault();
      var facts = {};
      Object.keys(controls).forEach(function (n) { if (controls[n].value.trim() !== "") facts[n] = controls[n].value; });
      render(out, engine, engine.decide(at.value, facts), t, rulesById);
    }
    form.addEventListener("submit", run);
    form.addEventListener("change", function () { run(); });
    run();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
