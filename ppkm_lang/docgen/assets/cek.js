/* "Cek aturan": the policy's answers in the browser, and the form that asks it (cek-ui.js).
 *
 * The semantics are those of the residual engine (ppkm_lang/eval/residual.py, answering.py;
 * see dsl/reference.md "Answers"). The export carries, per period of the policy's time line,
 * each target's decision list: disjoint boxes over the input facts, each with its outcome,
 * covering every completion (docgen/decisions.py). For a partial set of facts the cases
 * whose box holds the given values remain: one value everywhere is definite, no rule
 * anywhere undetermined, disagreeing rules everywhere a conflict, anything else conditional.
 * A fact not given still *matters* when two remaining cases with different outcomes meet on
 * every other dimension; the questions are those facts, ordered as the Python answerer
 * orders them. Relevance follows answering.py: a rule that can still apply (its condition,
 * folded on the given and the definite derived facts, is not false) tests a given fact
 * other than the place. Numbers are exact rationals (BigInt). No dependencies.
 */
(function () {
  "use strict";

  var U = null; // an undetermined fact

  // ------------------------------------------------------------------ exact numbers
  function rat(text) {
    var parts = String(text).split("/");
    var n = BigInt(parts[0]), d = parts.length > 1 ? BigInt(parts[1]) : 1n;
    if (d < 0n) { n = -n; d = -d; }
    return { n: n, d: d };
  }
  function cmp(a, b) {
    var l = a.n * b.d, r = b.n * a.d;
    return l < r ? -1 : (l > r ? 1 : 0);
  }
  function decimalRat(text) {
    var m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    var whole = m[2] || "0", frac = m[3] || "";
    var n = BigInt(whole + frac), d = 10n ** BigInt(frac.length);
    return { n: m[1] === "-" ? -n : n, d: d };
  }
  function isRat(x) { return x !== null && typeof x === "object"; }

  // ------------------------------------------------------------------ names, dates, values
  function regionKey(name) {
    var key = String(name).trim().toUpperCase().replace(/\s+/g, " ");
    return key.replace(/^(KABUPATEN|KAB\.?)\s+/, "KAB. ");
  }
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  function dateOrdinal(text) {
    var m = ISO_DATE.exec(String(text).trim());
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    if (y < 1 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
    // Python's date.toordinal(): 1970-01-01 is day 719163.
    return Math.round(t.getTime() / 86400000) + 719163;
  }
  var NUMERIC = { "int": 1, "number": 1, "percent": 1, "time": 1, "date": 1 };

  function encodeValue(value) {
    if (value.num !== undefined) return rat(value.num);
    if (value.kind === "region") return regionKey(value.key);
    return value.key;
  }
  function sameValue(a, b) {
    if (a.kind !== b.kind) return false;
    if (a.num !== undefined) return cmp(rat(a.num), rat(b.num)) === 0;
    return a.key === b.key;
  }

  // ------------------------------------------------------------------ conditions
  function compileCond(c, kinds, domains) {
    switch (c.op) {
      case "const":
        return function () { return c.value; };
      case "in": {
        var region = kinds[c.fact] === "region";
        var set = new Set(c.values.map(function (v) { return region ? regionKey(v) : v; }));
        // As the residual engine folds: a set test admitting every member is true.
        var dom = domains && domains[c.fact];
        if (dom && dom.every(function (v) { return set.has(v); })) return function () { return true; };
        return function (env) {
          var x = env[c.fact];
          if (x === U || x === undefined) return U;
          return typeof x === "string" && set.has(x);
        };
      }
      case "iv": {
        var numeric = NUMERIC[kinds[c.fact]] === 1;
        var lo = c.lo === null ? null : rat(c.lo), hi = c.hi === null ? null : rat(c.hi);
        return function (env) {
          var x = env[c.fact];
          if (x === U || x === undefined) return U;
          if (!numeric || !isRat(x)) return false;
          if (lo !== null) { var a = cmp(x, lo); if (a < 0 || (a === 0 && !c.loc)) return false; }
          if (hi !== null) { var b = cmp(x, hi); if (b > 0 || (b === 0 && !c.hic)) return false; }
          return true;
        };
      }
      case "not": {
        var inner = compileCond(c.item, kinds, domains);
        return function (env) { var r = inner(env); return r === U ? U : !r; };
      }
      case "and": case "or": {
        var items = c.items.map(function (i) { return compileCond(i, kinds, domains); });
        var stop = c.op === "or";
        return function (env) {
          var unknown = false;
          for (var i = 0; i < items.length; i++) {
            var r = items[i](env);
            if (r === stop) return stop;
            if (r === U) unknown = true;
          }
          return unknown ? U : !stop;
        };
      }
    }
    throw new Error("unknown condition " + c.op);
  }
  function factsOf(c, out) {
    if (c.op === "in" || c.op === "iv") out.add(c.fact);
    else if (c.op === "and" || c.op === "or") c.items.forEach(function (i) { factsOf(i, out); });
    else if (c.op === "not") factsOf(c.item, out);
    return out;
  }

  // ------------------------------------------------------------------ boxes
  // A dimension's set, compiled: {t: "in", s: Set} | {t: "ix"|"nx", s: Set of region indices,
  // other} | {t: "iv", iv: [{lo, loc, hi, hic}]}.
  function compileSet(j) {
    if (j.ix || j.nx) return { t: j.ix ? "ix" : "nx", s: new Set(j.ix || j.nx), other: !!j.other };
    if (j.iv) {
      return { t: "iv", iv: j.iv.map(function (p) {
        return { lo: p[0] === null ? null : rat(p[0]), loc: p[1], hi: p[2] === null ? null : rat(p[2]), hic: p[3] };
      }) };
    }
    return { t: "in", s: new Set(j["in"].map(String)) };
  }
  function inInterval(x, p) {
    if (p.lo !== null) { var a = cmp(x, p.lo); if (a < 0 || (a === 0 && !p.loc)) return false; }
    if (p.hi !== null) { var b = cmp(x, p.hi); if (b > 0 || (b === 0 && !p.hic)) return false; }
    return true;
  }
  // Does a set hold an encoded value? Regions are looked up by index (-1: not listed).
  function holds(set, x, regionIndex) {
    if (set.t === "in") return set.s.has(String(x));
    if (set.t === "iv") return isRat(x) && set.iv.some(function (p) { return inInterval(x, p); });
    var i = regionIndex[x];
    if (i === undefined) return set.other;
    return set.t === "ix" ? set.s.has(i) : !set.s.has(i);
  }
  function overlap(p, q) {
    function lower(a, b) { // the greater lower end
      if (a.lo === null) return { v: b.lo, c: b.loc };
      if (b.lo === null) return { v: a.lo, c: a.loc };
      var k = cmp(a.lo, b.lo);
      return k > 0 ? { v: a.lo, c: a.loc } : k < 0 ? { v: b.lo, c: b.loc } : { v: a.lo, c: a.loc && b.loc };
    }
    function upper(a, b) {
      if (a.hi === null) return { v: b.hi, c: b.hic };
      if (b.hi === null) return { v: a.hi, c: a.hic };
      var k = cmp(a.hi, b.hi);
      return k < 0 ? { v: a.hi, c: a.hic } : k > 0 ? { v: b.hi, c: b.hic } : { v: a.hi, c: a.hic && b.hic };
    }
    var lo = lower(p, q), hi = upper(p, q);
    if (lo.v === null || hi.v === null) return true;
    var k = cmp(lo.v, hi.v);
    return k < 0 || (k === 0 && lo.c && hi.c);
  }
  function meets(a, b, universe) {
    if (a.t === "in") { for (var v of a.s) if (b.s.has(v)) return true; return false; }
    if (a.t === "iv") return a.iv.some(function (p) { return b.iv.some(function (q) { return overlap(p, q); }); });
    if (a.t === "ix" && b.t === "ix") { for (var i of a.s) if (b.s.has(i)) return true; return false; }
    if (a.t === "nx" && b.t === "nx") { var u = new Set(a.s); b.s.forEach(function (x) { u.add(x); }); return u.size < universe; }
    var pos = a.t === "ix" ? a : b, neg = a.t === "ix" ? b : a;
    for (var j of pos.s) if (!neg.s.has(j)) return true;
    return false;
  }
  // Two boxes share a point on every dimension but `except`.
  function boxesMeet(a, b, except, universe) {
    for (var d in a) if (d !== except && d in b && !meets(a[d], b[d], universe)) return false;
    return true;
  }

  // ------------------------------------------------------------------ the engine
  function Engine(policy) {
    var self = this;
    this.policy = policy;
    this.facts = {}; this.kinds = {}; this.domains = {}; this.position = {};
    policy.facts.forEach(function (f, i) {
      self.facts[f.name] = f; self.kinds[f.name] = f.type.kind; self.position[f.name] = i;
      if (f.type.kind === "enum") self.domains[f.name] = f.type.values;
      if (f.type.kind === "bool") self.domains[f.name] = ["true", "false"];
    });
    this.measureNames = policy.measures.map(function (m) { return m.name; });
    this.measureSet = new Set(this.measureNames);
    this.derivedOrder = policy.derived || [];
    this.regions = new Set(policy.regions);
    this.regionIndex = {};
    policy.regions.forEach(function (r, i) { self.regionIndex[r] = i; });
    this.places = new Set(policy.facts.filter(function (f) { return f.type.kind === "region"; }).map(function (f) { return f.name; }));
    this.instruments = policy.instruments;
    this.rules = {};
    this.rulesOf = {};
    policy.rules.forEach(function (r) {
      var entry = { id: r.id, rule: r, cond: compileCond(r.when, self.kinds, self.domains), tests: factsOf(r.when, new Set()) };
      self.rules[r.id] = entry;
      r.then.forEach(function (a) {
        var list = self.rulesOf[a.target] = self.rulesOf[a.target] || [];
        if (list.indexOf(entry) < 0) list.push(entry);
      });
    });
    Object.keys(this.rules).forEach(function (id) {
      var seen = new Set(), stack = self.rules[id].rule.overrides.filter(function (o) { return o in self.rules; });
      while (stack.length) {
        var o = stack.pop();
        if (seen.has(o)) continue;
        seen.add(o);
        self.rules[o].rule.overrides.forEach(function (p) { if (p in self.rules) stack.push(p); });
      }
      self.rules[id].beats = seen;
    });
    this.outcomes = (policy.outcomes || []).map(function (o) {
      var key = o.k === "value" ? "v:" + valueKey(o.v) : o.k === "conflict" ? "c:" + o.r.join(",") : "n";
      return { kind: o.k, value: o.v || null, values: o.vs || null, rules: o.r, key: key };
    });
    this.periods = (policy.periods || []).map(function (p) {
      var targets = {};
      Object.keys(p.targets).forEach(function (name) {
        targets[name] = p.targets[name].map(function (c) {
          var box = {};
          Object.keys(c[0]).forEach(function (d) { box[d] = compileSet(c[0][d]); });
          return { box: box, when: c[0], outcome: self.outcomes[c[1]] };
        });
      });
      return { from: p.from, to: p.to, first: p.from === null ? -Infinity : dateOrdinal(p.from),
               last: p.to === null ? Infinity : dateOrdinal(p.to), in_force: p.in_force, targets: targets };
    });
  }
  function valueKey(v) { return v.kind + ":" + (v.num !== undefined ? v.num : v.key); }

  Engine.prototype.period = function (at) {
    var day = dateOrdinal(at);
    if (day === null) return null;
    for (var i = 0; i < this.periods.length; i++) {
      if (this.periods[i].first <= day && day <= this.periods[i].last) return this.periods[i];
    }
    return null;
  };

  // The periods in which some instrument is in force, for "the covered dates are ...".
  Engine.prototype.covered = function () {
    return this.periods.filter(function (p) { return p.in_force.length; })
      .map(function (p) { return { from: p.from, to: p.to, in_force: p.in_force }; });
  };

  // A given value as the evaluator reads it: {enc, text} or {error}.
  Engine.prototype.parseFact = function (name, raw) {
    var fact = this.facts[name];
    if (!fact) return { error: "unknown" };
    var t = fact.type, text = String(raw).trim(), kind = t.kind;
    if (kind === "enum") {
      return t.values.indexOf(text) >= 0 ? { enc: text, text: text } : { error: "value" };
    }
    if (kind === "bool") {
      var b = text.toLowerCase();
      return (b === "true" || b === "false") ? { enc: b, text: b } : { error: "value" };
    }
    if (kind === "region") {
      var key = regionKey(text);
      return this.regions.has(key) ? { enc: key, text: key } : { error: "region" };
    }
    var x = null;
    if (kind === "time") {
      var m = /^(\d{1,2})[:.](\d{2})$/.exec(text);
      if (m) {
        var h = +m[1], mi = +m[2];
        if (mi < 60 && (h < 24 || (h === 24 && mi === 0))) x = { n: BigInt(h * 60 + mi), d: 1n };
      }
    } else if (kind === "date") {
      var o = dateOrdinal(text);
      if (o !== null) x = { n: BigInt(o), d: 1n };
    } else if (kind === "int" || kind === "number" || kind === "percent") {
      var s = kind === "percent" && /%$/.test(text) ? text.slice(0, -1).trim() : text;
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) {
        x = decimalRat(s);
        if (kind === "int" && (x.n % x.d) !== 0n) x = null;
      }
    }
    if (x === null) return { error: "value" };
    if ((t.lo !== undefined && cmp(x, rat(t.lo)) < 0) || (t.hi !== undefined && cmp(x, rat(t.hi)) > 0)) {
      return { error: "range" };
    }
    return { enc: x, text: text };
  };

  // The facts that still decide between `cases`: a fact matters when two cases with
  // different outcomes meet on every other dimension.
  Engine.prototype.needs = function (cases) {
    var dims = {}, universe = this.policy.regions.length, out = [];
    cases.forEach(function (c) { Object.keys(c.box).forEach(function (d) { dims[d] = true; }); });
    var self = this;
    Object.keys(dims).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }).forEach(function (d) {
      for (var i = 0; i < cases.length; i++) {
        for (var j = i + 1; j < cases.length; j++) {
          if (cases[i].outcome.key !== cases[j].outcome.key && boxesMeet(cases[i].box, cases[j].box, d, universe)
              && boxesMeet(cases[j].box, cases[i].box, d, universe)) { out.push(d); return; }
        }
      }
    });
    return out.filter(function (d) { return d in self.facts || d === "at"; });
  };

  function statusOf(cases) {
    var kinds = new Set(cases.map(function (c) { return c.outcome.kind; }));
    if (kinds.size === 1 && kinds.has("value") && new Set(cases.map(function (c) { return c.outcome.key; })).size === 1) return "definite";
    if (kinds.size === 1 && kinds.has("none")) return "undetermined";
    if (kinds.size === 1 && kinds.has("conflict")) return "conflict";
    return "conditional";
  }

  // facts: {name: text}. Unknown or invalid inputs are reported in `errors` and left out.
  Engine.prototype.answer = function (at, facts) {
    var self = this;
    var result = { at: at, in_force: [], period: null, errors: [], given: {}, facts: {}, measures: {},
                   questions: [], next_question: null };
    if (dateOrdinal(at) === null) { result.errors.push({ fact: null, error: "date", value: at }); return result; }
    var period = this.period(at);
    if (period === null) return result;
    result.period = { from: period.from, to: period.to };
    result.in_force = period.in_force.slice();
    var env = {};
    Object.keys(facts).forEach(function (name) {
      var p = self.parseFact(name, facts[name]);
      if (!p.error && name in period.targets) p = { error: "derived" };
      if (p.error) { result.errors.push({ fact: name, error: p.error, value: String(facts[name]) }); return; }
      env[name] = p.enc;
      result.given[name] = p.text;
    });
    var given = Object.keys(env);
    var keys = given.filter(function (n) { return !self.places.has(n); });
    if (!keys.length) keys = given;
    var live = new Set(period.in_force);
    var known = Object.assign({}, env);
    var names = this.derivedOrder.filter(function (n) { return n in period.targets && !(n in env); })
      .concat(this.measureNames.filter(function (n) { return n in period.targets; }));
    names.forEach(function (name) {
      var cases = period.targets[name].filter(function (c) {
        for (var d in c.box) {
          var x = d === "at" ? { n: BigInt(dateOrdinal(at)), d: 1n } : env[d];
          if (x !== undefined && !holds(c.box[d], x, self.regionIndex)) return false;
        }
        return true;
      });
      var status = statusOf(cases);
      var candidates = (self.rulesOf[name] || []).filter(function (r) {
        return (r.rule.instrument === null || live.has(r.rule.instrument)) && r.cond(known) !== false;
      });
      var relevant = candidates.some(function (r) { return keys.some(function (k) { return r.tests.has(k); }); });
      var target = { name: name, kind: self.measureSet.has(name) ? "measure" : "fact", status: status,
                     cases: cases, relevant: relevant, needs: status === "definite" || status === "undetermined" ? [] : self.needs(cases).filter(function (d) { return !(d in env); }) };
      if (status === "definite") {
        target.value = cases[0].outcome.value;
        var common = cases.slice(1).reduce(function (acc, c) {
          return acc.filter(function (r) { return c.outcome.rules.indexOf(r) >= 0; });
        }, cases[0].outcome.rules.slice());
        var all = [];
        cases.forEach(function (c) { c.outcome.rules.forEach(function (r) { if (all.indexOf(r) < 0) all.push(r); }); });
        target.rules = common.length ? all.filter(function (r) { return common.indexOf(r) >= 0; }) : all;
        if (target.kind === "fact") known[name] = encodeValue(target.value);
      }
      (target.kind === "measure" ? result.measures : result.facts)[name] = target;
    });
    result.questions = this.questions(result.measures);
    result.next_question = result.questions.length ? result.questions[0] : null;
    return result;
  };

  Engine.prototype.questions = function (measures) {
    var self = this;
    var all = Object.keys(measures).map(function (n) { return measures[n]; });
    var open = all.filter(function (m) { return (m.status === "conditional" || m.status === "conflict") && m.needs.length; });
    var anyRelevant = all.some(function (m) { return m.relevant; });
    var asked = anyRelevant ? open.filter(function (m) { return m.relevant; }) : open;
    var facts = [];
    asked.forEach(function (m) { m.needs.forEach(function (f) { if (facts.indexOf(f) < 0) facts.push(f); }); });
    var out = facts.map(function (f) {
      return { fact: f,
               settles: asked.filter(function (m) { return m.needs.length === 1 && m.needs[0] === f; }).map(function (m) { return m.name; }),
               affects: asked.filter(function (m) { return m.needs.indexOf(f) >= 0; }).map(function (m) { return m.name; }) };
    });
    out.sort(function (a, b) {
      return (b.settles.length - a.settles.length) || (b.affects.length - a.affects.length)
        || ((self.position[a.fact] === undefined ? 1e9 : self.position[a.fact]) - (self.position[b.fact] === undefined ? 1e9 : self.position[b.fact]));
    });
    return out;
  };

  // The group of cases that the others are exceptions to: the value whose rules another
  // group's rules override (as answering.py's summary), or null.
  Engine.prototype.usual = function (cases) {
    var self = this, groups = {}, order = [];
    cases.forEach(function (c) {
      if (!(c.outcome.key in groups)) { groups[c.outcome.key] = []; order.push(c.outcome.key); }
      groups[c.outcome.key].push(c);
    });
    function rulesOf(g) { var out = []; g.forEach(function (c) { out = out.concat(c.outcome.rules); }); return out; }
    for (var i = 0; i < order.length; i++) {
      var mine = rulesOf(groups[order[i]]);
      var others = [];
      order.forEach(function (k, j) { if (j !== i) others = others.concat(rulesOf(groups[k])); });
      if (mine.some(function (m) { return others.some(function (o) { return self.rules[o] && self.rules[o].beats.has(m); }); })) {
        return { key: order[i], groups: groups, order: order };
      }
    }
    return { key: null, groups: groups, order: order };
  };

  var api = { Engine: Engine, regionKey: regionKey, dateOrdinal: dateOrdinal, holds: holds };
  if (typeof window !== "undefined") window.PpkmCek = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})();
