// agendum's site script. The pages work without it; with it, a reader can
// filter the sessions by group, day and kind, keep "my agenda", and see the
// times in their own zone. Everything is kept in the page's URL
// (?group=SEC&day=2016-07-19&kind=joint&mine=UID,UID&only=1&tz=local), so
// the same link works at the next meeting. Nothing is fetched.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var form = document.querySelector("form.filters");
  var sessions = Array.prototype.slice.call(document.querySelectorAll(".session"));

  function mine() {
    var v = params.get("mine");
    return v ? v.split(",").filter(function (x) { return x; }) : [];
  }

  function save() {
    var q = params.toString();
    var url = window.location.pathname + (q ? "?" + q : "") + window.location.hash;
    window.history.replaceState(null, "", url);
    // Links to the other pages of the site keep the filters.
    Array.prototype.forEach.call(document.querySelectorAll("nav.site a, .session a, td a"), function (a) {
      var href = a.getAttribute("href");
      if (!href || /^[a-z]+:/i.test(href) || href.charAt(0) === "#") { return; }
      var base = href.split("?")[0];
      a.setAttribute("href", base + (q ? "?" + q : ""));
    });
  }

  function matches(el) {
    var group = params.get("group");
    var day = params.get("day");
    var kind = params.get("kind");
    var groups = (el.getAttribute("data-groups") || "").split(" ");
    if (group && groups.indexOf(group) < 0 && groups.indexOf("*") < 0) { return false; }
    if (day && el.hasAttribute("data-day") && el.getAttribute("data-day") !== day) { return false; }
    if (kind && el.hasAttribute("data-kind") && el.getAttribute("data-kind") !== kind) { return false; }
    // "Only my agenda" keeps the starred sessions; what is not a session
    // (a row of the documents index) stays.
    if (params.get("only") === "1" && el.hasAttribute("data-uid")) {
      var uids = (el.getAttribute("data-uid") || "").split(" ");
      var kept = mine();
      if (!uids.some(function (u) { return kept.indexOf(u) >= 0; })) { return false; }
    }
    return true;
  }

  function apply() {
    sessions.forEach(function (el) { el.hidden = !matches(el); });
    Array.prototype.forEach.call(document.querySelectorAll("section.day"), function (day) {
      day.hidden = !day.querySelector(".session:not([hidden])");
    });
    showTimes();
  }

  // A time in `zone`: "Tue 19 Jul 04:00", the day always said, so that a
  // session never seems to be on the venue's day when it is not.
  function format(date, zone) {
    var opts = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (zone) { opts.timeZone = zone; }
    try {
      return new Intl.DateTimeFormat("en-GB", opts).format(date);
    } catch (e) {
      return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
    }
  }

  function showTimes() {
    var tz = params.get("tz");
    var zone = tz === "local" ? undefined : tz;
    Array.prototype.forEach.call(document.querySelectorAll("time[datetime]"), function (t) {
      if (!t.hasAttribute("data-venue")) { t.setAttribute("data-venue", t.textContent); }
      if (!tz || (zone && zone === t.getAttribute("data-zone"))) {
        t.textContent = t.getAttribute("data-venue");
        t.removeAttribute("title");
        return;
      }
      var start = new Date(t.getAttribute("datetime"));
      var end = new Date(t.getAttribute("data-end"));
      if (isNaN(start.getTime()) || isNaN(end.getTime())) { return; }
      var endText = format(end, zone);
      var startText = format(start, zone);
      // The same day: give the end's clock time only.
      if (endText.slice(0, endText.length - 5) === startText.slice(0, startText.length - 5)) {
        endText = endText.slice(endText.length - 5);
      }
      t.textContent = startText + "-" + endText;
      t.title = "Venue time: " + t.getAttribute("data-venue");
    });
  }

  function star(el) {
    var uids = (el.getAttribute("data-uid") || "").split(" ").filter(function (u) { return u; });
    if (!uids.length) { return; }
    var b = document.createElement("button");
    b.type = "button";
    b.className = "star";
    b.textContent = "\u2605";
    b.setAttribute("aria-label", "In my agenda");
    function shown() {
      var kept = mine();
      b.setAttribute("aria-pressed", uids.some(function (u) { return kept.indexOf(u) >= 0; }) ? "true" : "false");
    }
    b.addEventListener("click", function () {
      var kept = mine();
      var on = uids.some(function (u) { return kept.indexOf(u) >= 0; });
      kept = kept.filter(function (u) { return uids.indexOf(u) < 0; });
      if (!on) { kept = kept.concat(uids); }
      if (kept.length) { params.set("mine", kept.join(",")); } else { params.delete("mine"); }
      save();
      shown();
      apply();
    });
    shown();
    var first = el.tagName === "TR" ? el.querySelector("td") : el;
    if (first) { first.insertBefore(b, first.firstChild); }
  }

  // webcal:// links made absolute from the page's own address.
  Array.prototype.forEach.call(document.querySelectorAll("a.webcal"), function (a) {
    var href = a.getAttribute("href") || "";
    if (/^webcal:/i.test(href)) { return; }
    var url = new URL(href, window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") {
      var webcal = "webcal://" + url.host + url.pathname;
      a.setAttribute("href", webcal);
      a.textContent = webcal;
    }
  });

  // The feed's own link, shown as the absolute URL a client needs.
  Array.prototype.forEach.call(document.querySelectorAll("a.feed"), function (a) {
    var url = new URL(a.getAttribute("href") || "", window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") { a.textContent = url.href; }
  });

  if (form) {
    form.hidden = false;
    Array.prototype.forEach.call(form.elements, function (input) {
      var name = input.name;
      if (!name) { return; }
      if (input.type === "checkbox") {
        input.checked = params.get("only") === "1";
      } else {
        var v = params.get(name);
        if (v !== null) { input.value = v; }
        if (v && input.value !== v) {
          // A filter of another meeting (a group this week does not have):
          // offered, so the link still means what it said.
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v;
          input.appendChild(o);
          input.value = v;
        }
      }
      input.addEventListener("change", function () {
        if (input.type === "checkbox") {
          if (input.checked) { params.set("only", "1"); } else { params.delete("only"); }
        } else if (input.value) {
          params.set(name, input.value);
        } else {
          params.delete(name);
        }
        save();
        apply();
      });
    });
  }
  sessions.forEach(star);
  save();
  apply();
  // `agendum serve` tells an open page when the site was rebuilt.
  var live = document.querySelector("meta[name=agendum-build]");
  if (live && window.fetch) {
    var build = live.getAttribute("content");
    window.setInterval(function () {
      window.fetch("/.agendum/build", { cache: "no-store" }).then(function (r) {
        return r.ok ? r.text() : build;
      }).then(function (now) {
        if (now.trim() !== build) { window.location.reload(); }
      }).catch(function () {});
    }, 2000);
  }
})();
