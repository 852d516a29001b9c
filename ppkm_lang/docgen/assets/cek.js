/* "Cek aturan": the policy evaluator in the browser, and the form that asks it.
 *
 * The semantics are those of ppkm_lang/eval (see dsl/reference.md): a rule applies on a date
 * when its instrument is in force and its `when` is true; conditions use three-valued logic,
 * so a test on an undetermined fact is unknown and a rule applies only when its condition is
 * true; derived facts that are not given are decided first, in dependency order; for each
 * target the applicable rules that another applicable rule overrides (transitively) drop out
 * and the rest must agree, otherwise the target is a conflict. Numbers are exact rationals
 * (BigInt), as in the exported policy. No dependencies. The form is in cek-ui.js.
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
  function compileCond(c, kinds) {
    switch (c.op) {
      case "const":
        return function () { return c.value; };
      case "in": {
        var region = kinds[c.fact] === "region";
        var set = new Set(c.values.map(function (v) { return region ? regionKey(v) : v; }));
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
        var inner = compileCond(c.item, kinds);
        return function (env) { var r = inner(env); return r === U ? U : !r; };
      }
      case "and": case "or": {
        var items = c.items.map(function (i) { return compileCond(i, kinds); });
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

  // ------------------------------------------------------------------ the engine
  function Engine(policy) {
    var self = this;
    this.policy = policy;
    this.facts = {}; this.kinds = {};
    policy.facts.forEach(function (f) { self.facts[f.name] = f; self.kinds[f.name] = f.type.kind; });
    this.measureNames = policy.measures.map(function (m) { return m.name; });
    this.measureSet = new Set(this.measureNames);
    this.regions = new Set(policy.regions);
    this.instruments = policy.instruments;
    this.rules = policy.rules.map(function (r, idx) {
      return { idx: idx, id: r.id, rule: r, cond: compileCond(r.when, self.kinds) };
    });
    var byId = {};
    this.rules.forEach(function (r) { byId[r.id] = r; });
    this.rules.forEach(function (r) {
      var seen = new Set(), stack = r.rule.overrides.filter(function (o) { return o in byId; });
      while (stack.length) {
        var o = stack.pop();
        if (seen.has(o)) continue;
        seen.add(o);
        byId[o].rule.overrides.forEach(function (p) { if (p in byId) stack.push(p); });
      }
      r.beats = seen;
    });
    this.order = this.derivedOrder();
  }

  Engine.prototype.derivedOrder = function () {
    var self = this;
    var targets = this.policy.facts.map(function (f) { return f.name; }).filter(function (n) {
      return self.rules.some(function (r) { return r.rule.then.some(function (a) { return a.target === n; }); });
    });
    var deps = {};
    targets.forEach(function (t) { deps[t] = new Set(); });
    this.rules.forEach(function (r) {
      var tested = factsOf(r.rule.when, new Set());
      r.rule.then.forEach(function (a) {
        if (!(a.target in deps)) return;
        tested.forEach(function (f) { if (deps[f] !== undefined) deps[a.target].add(f); });
      });
    });
    var order = [], state = {};
    function visit(t) {
      if (state[t]) return;
      state[t] = 1;
      Array.from(deps[t]).sort(function (a, b) { return targets.indexOf(a) - targets.indexOf(b); }).forEach(visit);
      state[t] = 2;
      order.push(t);
    }
    targets.forEach(visit);
    return order;
  };

  Engine.prototype.inForce = function (at) {
    var day = dateOrdinal(at);
    return this.instruments.filter(function (inst) {
      return !inst.external && inst.periods.some(function (p) {
        return dateOrdinal(p[0]) <= day && day <= dateOrdinal(p[1]);
      });
    }).map(function (inst) { return inst.id; });
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

  function resolve(app) {
    var alive = app.filter(function (p) {
      return !app.some(function (q) { return q !== p && q.r.beats.has(p.r.id) && !p.r.beats.has(q.r.id); });
    });
    for (var i = 1; i < alive.length; i++) {
      if (!sameValue(alive[i].a.value, alive[0].a.value)) return { conflict: alive };
    }
    var beaten = app.filter(function (p) { return alive.indexOf(p) < 0; });
    return { won: alive[0], beaten: beaten };
  }

  // facts: {name: text}. Unknown or invalid inputs are reported in `errors` and left out.
  Engine.prototype.decide = function (at, facts) {
    var self = this;
    var result = { at: at, in_force: [], facts: {}, measures: {}, undetermined: [], conflicts: [], errors: [] };
    if (dateOrdinal(at) === null) { result.errors.push({ fact: null, error: "date" }); return result; }
    var live = new Set(this.inForce(at));
    result.in_force = Array.from(live);
    var env = {};
    Object.keys(this.facts).forEach(function (n) { env[n] = U; });
    Object.keys(facts).forEach(function (name) {
      var p = self.parseFact(name, facts[name]);
      if (p.error) { result.errors.push({ fact: name, error: p.error }); return; }
      env[name] = p.enc;
      result.facts[name] = { value: p.text, given: true };
    });
    var active = this.rules.filter(function (r) { return r.rule.instrument === null || live.has(r.rule.instrument); });
    this.order.forEach(function (fact) {
      if (env[fact] !== U) return;
      var app = [];
      active.forEach(function (r) {
        var a = r.rule.then.filter(function (x) { return x.target === fact; })[0];
        if (a && r.cond(env) === true) app.push({ r: r, a: a });
      });
      if (!app.length) { result.facts[fact] = { value: null, given: false }; return; }
      var res = resolve(app);
      if (res.conflict) {
        result.conflicts.push(conflictOf(fact, res.conflict, "fact"));
        result.facts[fact] = { value: null, given: false };
      } else {
        env[fact] = encodeValue(res.won.a.value);
        result.facts[fact] = { value: res.won.a.value.text, given: false, rule: res.won.r.id, cites: res.won.r.rule.cites };
      }
    });
    var byTarget = {};
    active.forEach(function (r) {
      var ms = r.rule.then.filter(function (x) { return self.measureSet.has(x.target); });
      if (ms.length && r.cond(env) === true) {
        ms.forEach(function (a) { (byTarget[a.target] = byTarget[a.target] || []).push({ r: r, a: a }); });
      }
    });
    var conflicted = new Set();
    this.measureNames.forEach(function (name) {
      var app = byTarget[name];
      if (!app) return;
      var res = resolve(app);
      if (res.conflict) {
        result.conflicts.push(conflictOf(name, res.conflict, "measure"));
        conflicted.add(name);
      } else {
        var rule = res.won.r.rule;
        result.measures[name] = { value: res.won.a.value.text, kind: res.won.a.value.kind, rule: rule.id,
          title: rule.title, instrument: rule.instrument, cites: rule.cites, per: rule.per,
          overrides: res.beaten.map(function (p) { return { rule: p.r.id, value: p.a.value.text }; }) };
      }
    });
    this.measureNames.forEach(function (name) {
      if (!(name in result.measures) && !conflicted.has(name)) result.undetermined.push(name);
    });
    return result;
  };

  function conflictOf(name, alive, kind) {
    return { name: name, kind: kind, candidates: alive.map(function (p) {
      return { rule: p.r.id, value: p.a.value.text, cites: p.r.rule.cites };
    }) };
  }

  var api = { Engine: Engine, regionKey: regionKey, dateOrdinal: dateOrdinal };
  if (typeof window !== "undefined") window.PpkmCek = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})();
