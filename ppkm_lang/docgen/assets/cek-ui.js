/* "Cek aturan": an interview. It asks the date, the place and the activity, answers in one
 * sentence with the basis one click away, then asks only the facts that would change the
 * answer (the residual's questions, see cek.js). General provisions are folded below.
 *
 * Reads the exported policy from <script id="cek-policy" type="application/json">. Every piece
 * of policy text goes into the page through textContent (never innerHTML), so quoted law text
 * and titles cannot become markup. The form state is kept in the address
 * (?at=2021-07-22&wilayah=KOTA%20SIBOLGA&kegiatan=makan_di_tempat, history.replaceState), and
 * the language menu of every page is pointed at the same page, with that state, in the other
 * language.
 */
(function () {
  "use strict";

  var TEXT = {
    id: {
      date: "Tanggal", place: "Kab/kota", activity: "Kegiatan", choose: "— pilih —", unknownOpt: "— belum tahu —",
      yes: "ya", no: "tidak", start: "Pilih tanggal, kab/kota dan kegiatan.",
      inForce: "Berdasarkan ", none: "Tidak ada instrumen yang dikodekan berlaku pada ", covered: "Tanggal yang dicakup: ",
      questions: "Pertanyaan yang mengubah jawaban", general: "Ketentuan umum instrumen ini",
      whenOpen: "Ketentuan lain untuk kegiatan ini (berlaku bila kegiatan dibuka)",
      basis: "Dasar", rule: "Kode aturan", except: "kecuali", when: "bila", or: " atau ", and: " dan ",
      conflict: "aturan bertentangan", noRule: "tidak diatur", otherPlaces: "kab/kota tertentu",
      more: "lebih dari ", less: "kurang dari ", atLeast: "paling sedikit ", atMost: "paling banyak ", to: " sampai ",
      derived: "Ditentukan oleh aturan", per: "Menurut tafsiran: ", notAsked: "Fakta ini ditentukan aturan dan tidak ditanyakan: ",
      errors: { date: "Tanggal tidak valid: ", value: "Nilai tidak valid: ", range: "Nilai di luar rentang: ",
        region: "Kab/kota tidak dikenal: ", unknown: "Fakta tidak dikenal: ", derived: "Ditentukan oleh aturan, tidak diisi: " },
      ambiguous: "Beberapa kab/kota cocok: ",
      months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    },
    en: {
      date: "Date", place: "Regency/city", activity: "Activity", choose: "— choose —", unknownOpt: "— not known yet —",
      yes: "yes", no: "no", start: "Choose the date, the regency/city and the activity.",
      inForce: "Under ", none: "No encoded instrument is in force on ", covered: "Dates covered: ",
      questions: "Questions that change the answer", general: "General provisions of this instrument",
      whenOpen: "Other provisions for this activity (apply when it is open)",
      basis: "Basis", rule: "Rule code", except: "except", when: "where", or: " or ", and: " and ",
      conflict: "the rules disagree", noRule: "not regulated", otherPlaces: "certain regencies/cities",
      more: "more than ", less: "less than ", atLeast: "at least ", atMost: "at most ", to: " to ",
      derived: "Decided by the rules", per: "Per interpretation: ", notAsked: "Decided by the rules, not asked: ",
      errors: { date: "Invalid date: ", value: "Invalid value: ", range: "Value out of range: ",
        region: "Unknown regency/city: ", unknown: "Unknown fact: ", derived: "Decided by the rules, not given: " },
      ambiguous: "Several regencies/cities match: ",
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    }
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ------------------------------------------------------------------ words
  function Words(policy, lang) {
    var self = this;
    this.lang = lang; this.t = TEXT[lang] || TEXT.id;
    this.facts = {}; this.measures = {}; this.instruments = {};
    policy.facts.forEach(function (f) { self.facts[f.name] = f; });
    policy.measures.forEach(function (m) { self.measures[m.name] = m; });
    policy.instruments.forEach(function (i) { self.instruments[i.id] = i; });
  }
  function human(name) { var s = String(name).replace(/_/g, " "); return s.charAt(0).toUpperCase() + s.slice(1); }
  Words.prototype.pick = function (labels, fallback) {
    if (labels && labels[this.lang]) return labels[this.lang];
    if (labels && labels.id) return labels.id;
    return fallback;
  };
  // A fact's or measure's label as written (the policy writes them to stand inside a
  // sentence); without one, its identifier in words.
  Words.prototype.fact = function (name) {
    var f = this.facts[name] || this.measures[name];
    return this.pick(f && f.label, String(name).replace(/_/g, " "));
  };
  Words.prototype.heading = function (name) { return human(this.fact(name)); };
  Words.prototype.member = function (fact, member) {
    var f = this.facts[fact] || this.measures[fact];
    var labels = f && f.type.labels && f.type.labels[member];
    return this.pick(labels, String(member).replace(/_/g, " "));
  };
  Words.prototype.instrument = function (id) {
    var i = this.instruments[id];
    return this.pick(i && i.label, i ? i.title || id : id);
  };
  Words.prototype.date = function (iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? (+m[3]) + " " + this.t.months[+m[2] - 1] + " " + m[1] : String(iso);
  };
  Words.prototype.region = function (key) {
    // "KOTA SIBOLGA" -> "Kota Sibolga", "KAB. BADUNG" -> "Kabupaten Badung".
    var s = String(key).toLowerCase().replace(/(^|[\s(.\-\/])([a-z])/g, function (_, a, b) { return a + b.toUpperCase(); });
    return s.replace(/^Kab\. (?!Adm\.)/, this.lang === "en" ? "Regency of " : "Kabupaten ");
  };
  // A value as a reader says it: member labels, 17.00 for a time in Indonesian, ya/tidak.
  Words.prototype.value = function (name, v) {
    if (!v) return "";
    if (v.kind === "enum") return this.member(name, v.key);
    if (v.kind === "bool") return v.key === "true" ? this.t.yes : this.t.no;
    if (v.kind === "region") return this.region(v.key);
    var text = v.text;
    if (v.kind === "time" && this.lang === "id") text = text.replace(":", ".");
    var m = this.measures[name] || this.facts[name];
    if (m && m.type.unit && v.kind !== "percent") text += " " + m.type.unit;
    return text;
  };

  // ------------------------------------------------------------------ places
  function bare(key) {
    var k = window.PpkmCek.regionKey(key).replace(/^KABUPATEN\s+/, "KAB. ");
    var m = /^(KOTA|KAB\.(?:\s*ADM\.)?)\s+(.*)$/.exec(k);
    return m ? { kind: m[1].indexOf("KOTA") === 0 ? "KOTA" : "KAB", name: m[2] } : { kind: null, name: k };
  }
  // Typed text -> {key} | {choices: [keys]} | {none: true}: case and the Kota/Kab./Kabupaten
  // prefix do not matter; "medan" is Kota Medan, "bogor" asks which of the two.
  function resolvePlace(engine, text) {
    var typed = String(text).trim();
    if (!typed) return { empty: true };
    var key = window.PpkmCek.regionKey(typed.replace(/^kabupaten\s+/i, "KAB. ").replace(/^kab\s+/i, "KAB. "));
    if (engine.regions.has(key)) return { key: key };
    var want = bare(typed), exact = [], prefix = [];
    engine.policy.regions.forEach(function (r) {
      var b = bare(r);
      if (want.kind && b.kind !== want.kind) return;
      if (b.name === want.name) exact.push(r);
      else if (b.name.indexOf(want.name) === 0) prefix.push(r);
    });
    if (exact.length === 1) return { key: exact[0] };
    if (exact.length > 1) return { choices: exact };
    if (prefix.length === 1) return { key: prefix[0] };
    if (prefix.length) return { choices: prefix.slice(0, 8), partial: true };
    return { none: true };
  }

  // ------------------------------------------------------------------ conditions
  function rangeText(w, iv, name) {
    var f = w.facts[name], kind = f ? f.type.kind : "number";
    function num(r) {
      var parts = String(r).split("/"), x = parts.length > 1 ? (+parts[0] / +parts[1]) : +parts[0];
      if (kind === "time") { var h = Math.floor(x / 60), mi = x % 60; return h + (w.lang === "id" ? "." : ":") + (mi < 10 ? "0" : "") + mi; }
      if (kind === "percent") return x + "%";
      return String(x);
    }
    return iv.map(function (p) {
      var lo = p[0], hi = p[2];
      if (lo !== null && hi !== null) {
        if (lo === hi) return num(lo);
        return num(lo) + w.t.to + num(hi);
      }
      if (lo !== null) return (p[1] ? w.t.atLeast : w.t.more) + num(lo);
      if (hi !== null) return (p[3] ? w.t.atMost : w.t.less) + num(hi);
      return "";
    }).join(w.t.or);
  }
  function numericEnds(w, d) {
    var f = w.facts[d];
    return { lo: f && f.type.lo !== undefined ? f.type.lo : null, hi: f && f.type.hi !== undefined ? f.type.hi : null,
             integer: f && (f.type.kind === "int" || f.type.kind === "time" || f.type.kind === "date") };
  }
  // Intervals of one dimension as one sorted list, touching pieces joined (4..5 and 6..9 of
  // an integer fact are 4..9), the fact's own bounds dropped ("paling sedikit 3").
  function unionIv(w, d, ivs) {
    function val(r) { if (r === null) return null; var p = String(r).split("/"); return p.length > 1 ? +p[0] / +p[1] : +p[0]; }
    var ends = numericEnds(w, d);
    var list = ivs.map(function (p) { return p.slice(); }).sort(function (a, b) {
      return (a[0] === null ? -Infinity : val(a[0])) - (b[0] === null ? -Infinity : val(b[0]));
    });
    var out = [];
    list.forEach(function (p) {
      var last = out[out.length - 1];
      if (last && last[2] !== null && p[0] !== null &&
          (val(p[0]) <= val(last[2]) || (ends.integer && val(p[0]) === val(last[2]) + 1))) {
        if (p[2] === null || val(p[2]) > val(last[2])) { last[2] = p[2]; last[3] = p[3]; }
      } else out.push(p);
    });
    return out.map(function (p) {
      return [ends.lo !== null && p[0] !== null && val(p[0]) <= val(ends.lo) ? null : p[0], p[1],
              ends.hi !== null && p[2] !== null && val(p[2]) >= val(ends.hi) ? null : p[2], p[3]];
    });
  }
  function boxText(w, engine, when, given) {
    var parts = [];
    Object.keys(when).sort().forEach(function (d) {
      if (d in given) return;
      var s = when[d], label = w.fact(d);
      if (s.iv) parts.push(label + " " + rangeText(w, unionIv(w, d, s.iv), d));
      else if (s.ix || s.nx) {
        var names = s.ix ? s.ix.map(function (i) { return w.region(engine.policy.regions[i]); }) : null;
        parts.push(names && names.length <= 3 ? names.join(w.t.or) : w.t.otherPlaces);
      } else {
        var kind = w.facts[d] && w.facts[d].type.kind;
        if (kind === "bool") parts.push(label + ": " + (s["in"][0] === "true" ? w.t.yes : w.t.no));
        else parts.push(label + ": " + s["in"].map(function (v) { return w.member(d, v); }).join(w.t.or));
      }
    });
    return parts.join(w.t.and);
  }
  // The cases of a group, read together: one numeric fact alone is one range.
  function groupText(w, engine, group, given) {
    var dims = {};
    group.forEach(function (c) { Object.keys(c.when).forEach(function (d) { if (!(d in given)) dims[d] = true; }); });
    var keys = Object.keys(dims);
    if (keys.length === 1 && group.every(function (c) { return c.when[keys[0]] && c.when[keys[0]].iv; })) {
      var all = [];
      group.forEach(function (c) { all = all.concat(c.when[keys[0]].iv); });
      return w.fact(keys[0]) + " " + rangeText(w, unionIv(w, keys[0], all), keys[0]);
    }
    if (keys.length === 1 && group.every(function (c) { return c.when[keys[0]] && c.when[keys[0]]["in"]; })) {
      var members = [];
      group.forEach(function (c) { c.when[keys[0]]["in"].forEach(function (v) { if (members.indexOf(v) < 0) members.push(v); }); });
      var joined = {}; joined[keys[0]] = { "in": members };
      return boxText(w, engine, joined, given);
    }
    return group.map(function (c) { return boxText(w, engine, c.when, given); }).filter(Boolean).join(w.t.or);
  }
  function outcomeText(w, name, o) {
    if (o.kind === "value") return w.value(name, o.value);
    return o.kind === "conflict" ? w.t.conflict : w.t.noRule;
  }
  // "dibuka" / "dibuka, kecuali ditutup bila zona: merah" / "a bila …; b bila …"
  function targetText(w, engine, target, given) {
    var p = targetParts(w, engine, target, given);
    if (p.usual === null) return p.rest.join("; ");
    return p.usual + (p.rest.length ? ", " + w.t.except + " " + p.rest.join("; ") : "");
  }
  // The same in two parts: what holds usually (null when nothing is said to) and the
  // exceptions, "ditutup bila …", each with its condition.
  function targetParts(w, engine, target, given) {
    if (target.status === "definite") return { usual: w.value(target.name, target.value), rest: [] };
    if (target.status === "undetermined") return { usual: w.t.noRule, rest: [] };
    var u = engine.usual(target.cases);
    // Where no rule decides the measure is said by leaving it out: "50% bila …".
    var shown = u.order.filter(function (k) { return k !== u.key && u.groups[k][0].outcome.kind !== "none"; });
    var rest = shown.map(function (k) {
      var g = u.groups[k], where = groupText(w, engine, g, given);
      return outcomeText(w, target.name, g[0].outcome) + (where ? " " + w.t.when + " " + where : "");
    });
    if (u.key === null || u.groups[u.key][0].outcome.kind === "none") return { usual: null, rest: rest };
    return { usual: outcomeText(w, target.name, u.groups[u.key][0].outcome), rest: rest };
  }
  // The member of an activity's status that closes it: with it decided (or possible), the
  // activity's other measures hold only while it is open, and the answer says so.
  var CLOSED = "ditutup";
  function closes(target) {
    if (target.kind !== "measure") return false;
    if (target.status === "definite") return target.value.kind === "enum" && target.value.key === CLOSED;
    return target.status === "conditional" && target.cases.some(function (c) {
      return c.outcome.kind === "value" && c.outcome.value.kind === "enum" && c.outcome.value.key === CLOSED;
    });
  }

  // ------------------------------------------------------------------ the answer
  function citeBlock(cites) {
    var box = el("div", { "class": "cek-cite" });
    (cites || []).forEach(function (c) {
      box.appendChild(el("div", { "class": "cek-cite-label", text: c.label }));
      if (c.text) box.appendChild(el("blockquote", { "class": "cek-cite-text", text: c.text }));
    });
    return box;
  }
  function basis(w, engine, target) {
    var rules = target.rules || [];
    if (!rules.length) target.cases.forEach(function (c) { c.outcome.rules.forEach(function (r) { if (rules.indexOf(r) < 0) rules.push(r); }); });
    var details = el("details", { "class": "cek-basis" }, [el("summary", { text: w.t.basis })]);
    rules.forEach(function (id) {
      var r = engine.rules[id] && engine.rules[id].rule;
      if (!r) return;
      details.appendChild(citeBlock(r.cites));
      if (r.per && r.per.length) details.appendChild(el("div", { "class": "cek-per", text: w.t.per + r.per.join(", ") }));
      details.appendChild(el("div", { "class": "cek-rule" }, [w.t.rule + ": ", el("code", { "class": "cek-rule-id", text: id })]));
    });
    return details;
  }
  function card(w, engine, target, given) {
    var attrs = { "class": "cek-card", "data-status": target.status };
    attrs[target.kind === "measure" ? "data-measure" : "data-fact"] = target.name;
    if (target.status === "definite") attrs["data-value"] = target.value.text;
    return el("li", attrs, [
      el("span", { "class": "cek-label", title: target.name, text: w.heading(target.name) }),
      el("span", { "class": "cek-value", text: targetText(w, engine, target, given) }),
      basis(w, engine, target)]);
  }

  function start() {
    var app = document.getElementById("cek-app"), data = document.getElementById("cek-policy");
    if (!app || !data || !window.PpkmCek) return;
    var policy = JSON.parse(data.textContent);
    var engine = new window.PpkmCek.Engine(policy);
    var w = new Words(policy, app.getAttribute("data-lang") || "id"), t = w.t;
    var placeFact = policy.place, activityFact = policy.activity;
    var state = { at: "", facts: {} };

    var form = el("form", { id: "cek-form", "class": "cek-form", role: "search" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var at = el("input", { id: "cek-at", name: "at", type: "date" });
    form.appendChild(el("div", { "class": "cek-field" }, [el("label", { "for": "cek-at", text: t.date }), at]));
    var place = null, placeList = null;
    if (placeFact) {
      placeList = el("datalist", { id: "cek-places" });
      policy.regions.forEach(function (r) { placeList.appendChild(el("option", { value: w.region(r) })); });
      place = el("input", { id: "cek-place", name: placeFact, type: "text", autocomplete: "off", list: "cek-places",
                            spellcheck: "false", placeholder: w.region("KOTA MEDAN") });
      form.appendChild(el("div", { "class": "cek-field" }, [el("label", { "for": "cek-place", text: t.place }), place, placeList]));
    }
    var activity = null;
    if (activityFact) {
      activity = selectFor(activityFact, "cek-activity", t.choose);
      form.appendChild(el("div", { "class": "cek-field" }, [el("label", { "for": "cek-activity", text: t.activity }), activity]));
    }
    var out = el("div", { id: "cek-result", "aria-live": "polite" });
    app.appendChild(form);
    app.appendChild(out);

    function selectFor(name, id, empty) {
      var f = engine.facts[name], node = el("select", { id: id, name: name });
      node.appendChild(el("option", { value: "", text: empty }));
      if (f.type.kind === "bool") {
        node.appendChild(el("option", { value: "true", text: t.yes }));
        node.appendChild(el("option", { value: "false", text: t.no }));
        return node;
      }
      var inGroup = {};
      (f.type.groups || []).forEach(function (g) { g[1].forEach(function (m) { inGroup[m] = g[0]; }); });
      var groups = {};
      f.type.values.forEach(function (v) {
        var opt = el("option", { value: v, text: w.member(name, v), title: v });
        var g = inGroup[v];
        if (!g) { node.appendChild(opt); return; }
        if (!groups[g]) { groups[g] = el("optgroup", { label: w.member(name, g) }); node.appendChild(groups[g]); }
        groups[g].appendChild(opt);
      });
      return node;
    }
    function questionControl(name) {
      var f = engine.facts[name], id = "cek-fact-" + name, node;
      if (!f) return null;
      if (f.type.kind === "enum" || f.type.kind === "bool") node = selectFor(name, id, t.unknownOpt);
      else {
        node = el("input", { id: id, name: name, type: "text", autocomplete: "off",
                             inputmode: f.type.kind === "time" ? "text" : "decimal" });
        var hint = { percent: "25%", time: "17:00", "int": "0", number: "0" }[f.type.kind];
        if (hint) node.setAttribute("placeholder", hint);
      }
      if (state.facts[name] !== undefined) node.value = state.facts[name];
      node.addEventListener(node.tagName === "SELECT" ? "change" : "input", function () {
        if (node.value.trim() === "") delete state.facts[name]; else state.facts[name] = node.value;
        update();
      });
      return el("div", { "class": "cek-field", "data-question": name }, [
        el("label", { "for": id, title: name, text: w.heading(name) }), node,
        f.doc ? el("small", { text: f.doc }) : null]);
    }

    // ---- state <-> address
    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      state.at = params.get("at") || latestStart();
      params.forEach(function (v, k) { if (k !== "at" && v !== "") state.facts[k] = v; });
    }
    function latestStart() {
      var starts = engine.covered().map(function (p) { return p.from; }).filter(Boolean).sort();
      return starts.length ? starts[starts.length - 1] : "";
    }
    function writeAddress() {
      var params = new URLSearchParams();
      if (state.at) params.set("at", state.at);
      Object.keys(state.facts).forEach(function (k) { params.set(k, state.facts[k]); });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      languageLinks();
    }

    // ---- the answer
    var asked = [];  // the question facts shown so far, in order
    function update() {
      var t0 = performance.now();
      writeAddress();
      render();
      out.setAttribute("data-render-ms", (performance.now() - t0).toFixed(1));
    }
    function render() {
      clear(out);
      var facts = {}, problems = [];
      Object.keys(state.facts).forEach(function (k) { facts[k] = state.facts[k]; });
      if (placeFact && facts[placeFact] !== undefined) {
        var found = resolvePlace(engine, facts[placeFact]);
        if (found.key) facts[placeFact] = found.key;
        else {
          delete facts[placeFact];
          if (found.choices) problems.push(el("p", { "class": "cek-ambiguous", text: (found.partial ? "" : t.ambiguous) + found.choices.map(function (k) { return w.region(k); }).join(", ") }));
          else problems.push(el("p", { "class": "cek-error", text: t.errors.region + "“" + state.facts[placeFact] + "”" }));
        }
      }
      var a = engine.answer(state.at, facts);
      problems.forEach(function (p) { out.appendChild(p); });
      a.errors.forEach(function (e) {
        out.appendChild(el("p", { "class": "cek-error", text: (t.errors[e.error] || t.errors.value) + "“" + e.value + "”" + (e.fact ? " (" + w.fact(e.fact) + ")" : "") }));
      });
      if (!state.at || a.errors.some(function (e) { return e.fact === null; })) return;
      if (!a.period || !a.in_force.length) {
        var covered = engine.covered().map(function (p) {
          return w.date(p.from) + " – " + w.date(p.to) + " (" + p.in_force.map(function (i) { return w.instrument(i); }).join(", ") + ")";
        });
        out.appendChild(el("p", { "class": "cek-none", text: t.none + w.date(state.at) + ". " + t.covered + covered.join("; ") + "." }));
        return;
      }
      if (!Object.keys(a.given).length) {
        out.appendChild(el("p", { "class": "cek-start", text: t.start }));
        return;
      }
      var measures = engine.measureNames.filter(function (n) { return n in a.measures; }).map(function (n) { return a.measures[n]; });
      var mine = measures.filter(function (m) { return m.relevant && m.status !== "undetermined"; });
      var general = measures.filter(function (m) { return !m.relevant && m.status !== "undetermined"; });
      var derived = engine.derivedOrder.filter(function (n) { return n in a.facts && a.facts[n].status !== "undetermined"; }).map(function (n) { return a.facts[n]; });
      // The sentence: where, when, what, then the measures about the question (or, with no
      // activity yet, what the rules decide about the place: its level).
      var head = [];
      if (placeFact in a.given) head.push(w.region(a.given[placeFact]));
      head.push(w.date(state.at));
      if (activityFact in a.given) head.push(w.member(activityFact, a.given[activityFact]));
      // Definite answers, and the first conditional one ("ditutup, kecuali …"); the other
      // conditional ones are in their cards, under the question that settles them.
      // Where the activity is closed, or closed in some case, the answer leads with that
      // and its other measures are set apart below: they apply only while it is open.
      var closing = mine.filter(closes)[0] || null;
      var whenOpen = closing ? mine.filter(function (m) { return m !== closing; }) : [];
      var firstOpen = true;
      var said = (closing ? (closing.status === "definite" ? [closing] : [closing].concat(whenOpen)) : (mine.length ? mine : derived)).filter(function (m) {
        if (m.value && m.value.kind === "text") return false;
        if (m === closing || m.status === "definite") return true;
        var keep = firstOpen; firstOpen = false; return keep;
      });
      var exceptions = [];
      var phrases = said.map(function (m, i) {
        var v;
        if (m === closing && m.status === "conditional") {
          // "boleh, kapasitas paling banyak 50%, kecuali ditutup bila …": the closing case last.
          var parts = targetParts(w, engine, m, a.given);
          exceptions = parts.rest;
          if (parts.usual === null) { exceptions = []; v = parts.rest.join("; "); }
          else v = parts.usual;
        } else v = targetText(w, engine, m, a.given);
        var enumFirst = i === 0 && w.measures[m.name] && w.measures[m.name].type.kind === "enum";
        return enumFirst ? v : w.fact(m.name) + " " + v;
      });
      if (exceptions.length) phrases.push(w.t.except + " " + exceptions.join("; "));
      out.appendChild(el("p", { "class": "cek-sentence", "data-status": mine.every(function (m) { return m.status === "definite"; }) ? "definite" : "conditional" },
        [el("strong", { text: head.join(", ") + ": " }), phrases.join(", ") || t.noRule]));
      var basisLine = el("p", { "class": "cek-in-force" }, [t.inForce]);
      a.in_force.forEach(function (i, k) {
        if (k) basisLine.appendChild(document.createTextNode("; "));
        basisLine.appendChild(el("span", { "data-instrument": i, title: i, text: w.instrument(i) }));
      });
      out.appendChild(basisLine);
      var first = closing ? [closing] : mine;
      if (first.length) out.appendChild(el("ul", { "class": "cek-cards cek-mine" }, first.map(function (m) { return card(w, engine, m, a.given); })));
      if (whenOpen.length) {
        out.appendChild(el("section", { "class": "cek-when-open", "aria-labelledby": "cek-when-open-title" }, [
          el("h3", { id: "cek-when-open-title", text: t.whenOpen }),
          el("ul", { "class": "cek-cards cek-mine" }, whenOpen.map(function (m) { return card(w, engine, m, a.given); }))]));
      }
      // The questions that would change the answer, and those already answered.
      a.questions.forEach(function (q) { if (asked.indexOf(q.fact) < 0 && q.fact !== placeFact && q.fact !== activityFact) asked.push(q.fact); });
      var open = new Set(a.questions.map(function (q) { return q.fact; }));
      var shown = asked.filter(function (f) { return open.has(f) || f in state.facts; });
      if (shown.length) {
        var box = el("fieldset", { "class": "cek-questions" }, [el("legend", { text: t.questions })]);
        shown.forEach(function (f) { var c = questionControl(f); if (c) box.appendChild(c); });
        out.appendChild(box);
      }
      if (derived.length) {
        out.appendChild(el("details", { "class": "cek-derived" }, [el("summary", { text: t.derived }),
          el("ul", { "class": "cek-cards" }, derived.map(function (m) { return card(w, engine, m, a.given); }))]));
      }
      if (general.length) {
        out.appendChild(el("details", { "class": "cek-general" }, [el("summary", { text: t.general + " (" + general.length + ")" }),
          el("ul", { "class": "cek-cards" }, general.map(function (m) { return card(w, engine, m, a.given); }))]));
      }
    }

    readAddress();
    at.value = state.at;
    if (place && state.facts[placeFact]) {
      var r = resolvePlace(engine, state.facts[placeFact]);
      place.value = r.key ? w.region(r.key) : state.facts[placeFact];
    }
    if (activity && state.facts[activityFact]) activity.value = state.facts[activityFact];
    Object.keys(state.facts).forEach(function (k) { if (k !== placeFact && k !== activityFact && asked.indexOf(k) < 0) asked.push(k); });
    at.addEventListener("input", function () { state.at = at.value; update(); });
    if (place) place.addEventListener("input", function () {
      if (place.value.trim() === "") delete state.facts[placeFact];
      else {
        var r = resolvePlace(engine, place.value);
        state.facts[placeFact] = r.key || place.value.trim();
      }
      update();
    });
    if (activity) activity.addEventListener("change", function () {
      if (activity.value === "") delete state.facts[activityFact]; else state.facts[activityFact] = activity.value;
      update();
    });
    update();
  }

  // The language menu goes to this page (and its question) in the other language.
  function languageLinks() {
    var mine = document.querySelector(".ppkm-lang a[hreflang]");
    if (!mine) return;
    var other = mine.getAttribute("hreflang");
    var target = new URL(mine.getAttribute("href"), window.location.href);
    document.querySelectorAll('a.md-select__link[hreflang="' + other + '"]').forEach(function (a) {
      a.setAttribute("href", target.pathname + window.location.search + window.location.hash);
      // The theme's own handler (on the body) would look the address up in the other
      // language's sitemap, query and all, and fall back to that language's home page.
      if (!a.hasAttribute("data-ppkm-keep")) {
        a.setAttribute("data-ppkm-keep", "");
        a.addEventListener("click", function (e) { e.stopPropagation(); });
      }
    });
    mine.setAttribute("href", target.pathname + window.location.search + window.location.hash);
  }

  // What the theme leaves unnamed for assistive technology: the search dialog, and the
  // scrolling boxes it wraps wide tables in (reachable by keyboard only when focusable).
  function accessibility() {
    var lang = document.documentElement.lang === "en" ? "en" : "id";
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", lang === "en" ? "Search" : "Cari");
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.hasAttribute("tabindex")) return;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", lang === "en" ? "Table" : "Tabel");
    });
  }

  // A select that filters the rows of the next table by the text of one column.
  function filters() {
    document.querySelectorAll("select[data-filter-column]").forEach(function (select) {
      var col = +select.getAttribute("data-filter-column") - 1;
      var box = select.closest("p") && select.closest("p").nextElementSibling;
      var table = box && box.querySelector("table");
      if (!table) return;
      select.addEventListener("change", function () {
        table.querySelectorAll("tbody tr").forEach(function (tr) {
          var cell = tr.children[col];
          tr.hidden = !!select.value && !(cell && cell.textContent.trim() === select.value);
        });
      });
    });
  }

  function boot() {
    languageLinks(); accessibility(); filters(); start();
    window.addEventListener("load", function () { accessibility(); window.setTimeout(accessibility, 0); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
