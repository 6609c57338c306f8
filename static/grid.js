/* The schedule grid (templates/organise/grid.html): move or resize a session's block by
   mouse (drag the block; drag its lower edge to resize) or by keyboard (Enter or Space picks
   it up, arrows move it by 5 minutes or to the next venue, Shift with up and down changes
   its end, Enter saves, Escape cancels). Each change is posted to the session change route
   with the CSRF token and the session's version, asking for JSON: 200 saved (new version
   and warnings), 422 refused (the block snaps back; the message names the other session),
   409 someone else saved first (snaps back, with a reload link). Without this script every
   block is a link to the session's edit form. Placement is by class only (strict CSP). */
(function () {
  "use strict";

  var grid = document.getElementById("grid");
  if (!grid || grid.dataset.editable !== "yes") {
    return;
  }
  var SLOT_MS = 5 * 60 * 1000;
  var zone = grid.dataset.zone;
  var shownFrom = new Date(grid.dataset.shownFrom).getTime();
  var slots = parseInt(grid.dataset.slots, 10);
  var sessionsUrl = grid.dataset.sessionsUrl;
  var csrf = grid.dataset.csrf;
  var live = document.getElementById("grid-live");
  var banner = document.getElementById("grid-message");
  var rtl = document.documentElement.dir === "rtl";
  var venues = Array.prototype.map.call(grid.querySelectorAll(".g-venue"), function (el) {
    return {
      key: el.dataset.venue,
      name: el.dataset.name,
      setup: parseInt(el.dataset.setup || "0", 10),
      teardown: parseInt(el.dataset.teardown || "0", 10),
      el: el
    };
  });
  var venueIndex = {};
  venues.forEach(function (v, i) { venueIndex[v.key] = i; });

  var wall = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function parts(ms) {
    var out = {};
    wall.formatToParts(new Date(ms)).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }
  function wallTime(ms) {
    var p = parts(ms);
    return p.year + "-" + p.month + "-" + p.day + "T" + p.hour + ":" + p.minute;
  }
  function clock(ms) {
    var p = parts(ms);
    return p.hour + ":" + p.minute;
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }
  function slotOf(ms) { return Math.floor((ms - shownFrom) / SLOT_MS); }
  function endSlotOf(ms) { return Math.ceil((ms - shownFrom) / SLOT_MS); }
  function clamp(n, lo, hi) { return Math.max(lo, Math.min(hi, n)); }

  function slotPx() {
    var rows = parseFloat(getComputedStyle(grid).gridAutoRows);
    return rows > 0 ? rows : 10;
  }

  /* The state of a block: its venue and its times (milliseconds). */
  function stateOf(block) {
    return {
      venue: block.dataset.venue,
      start: new Date(block.dataset.startsAt).getTime(),
      end: new Date(block.dataset.endsAt).getTime()
    };
  }

  function setClasses(el, column, start, end) {
    el.className = el.className
      .replace(/\bgc-\d+\b/, "gc-" + column)
      .replace(/\bs-\d+\b/, "s-" + start)
      .replace(/\be-\d+\b/, "e-" + end);
  }

  function buffers(block) {
    return grid.querySelectorAll('[data-buffer-of="' + CSS.escape(block.dataset.session) + '"]');
  }

  /* Show ``block`` at ``state`` (not saved): its place, its time text, its buffers. */
  function show(block, state) {
    var column = venueIndex[state.venue];
    var start = clamp(slotOf(state.start), 0, slots - 1);
    var end = clamp(endSlotOf(state.end), start + 1, slots);
    setClasses(block, column, start, end);
    block.dataset.start = String(start);
    block.dataset.end = String(end);
    var when = block.querySelector(".g-when");
    if (when) {
      when.textContent = clock(state.start) + "–" + clock(state.end);
    }
    Array.prototype.forEach.call(buffers(block), function (b) { b.remove(); });
    var venue = venues[column];
    var lane = block.className.match(/\blane-\d+\b/);
    [["setup", venue.setup, state.start - venue.setup * 60000, state.start],
     ["teardown", venue.teardown, state.end, state.end + venue.teardown * 60000]]
      .forEach(function (b) {
        if (!b[1]) { return; }
        var a = clamp(slotOf(b[2]), 0, slots), z = clamp(endSlotOf(b[3]), 0, slots);
        if (z <= a) { return; }
        var el = document.createElement("div");
        el.className = "g-buffer " + b[0] + " gc-" + column + " s-" + a + " e-" + z +
          (lane ? " " + lane[0] : "");
        el.dataset.bufferOf = block.dataset.session;
        el.dataset.minutes = String(b[1]);
        el.setAttribute("aria-hidden", "true");
        grid.insertBefore(el, block);
      });
  }

  function describe(block, state) {
    return fill(grid.dataset.msgPosition, {
      key: block.dataset.session,
      venue: venues[venueIndex[state.venue]].name,
      when: clock(state.start) + "–" + clock(state.end)
    });
  }

  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function tell(text, kind, link) {
    banner.hidden = false;
    banner.className = "grid-message" + (kind ? " is-" + kind : "");
    banner.textContent = text;
    if (link) {
      banner.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      banner.appendChild(a);
    }
    announce(text);
  }

  function findingText(f) {
    var names = Object.keys(f.names).map(function (k) { return k + "=" + f.names[k]; });
    return (f.code + " " + names.join(" ")).trim();
  }

  function showFindings(block, warnings) {
    var box = block.querySelector(".g-findings");
    if (!box) { return; }
    box.textContent = "";
    block.classList.remove("has-errors", "has-warnings");
    warnings.forEach(function (f) {
      var line = document.createElement("span");
      line.className = "g-finding is-warning";
      var icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = "⚠";
      line.appendChild(icon);
      line.appendChild(document.createTextNode(" " + findingText(f)));
      box.appendChild(line);
    });
    if (warnings.length) { block.classList.add("has-warnings"); }
  }

  function snapBack(block, original) {
    show(block, original);
    block.classList.remove("is-refused");
    void block.offsetWidth;
    block.classList.add("is-refused");
  }

  /* Post the change; on refusal put the block back where it was. */
  function save(block, original, state) {
    if (state.venue === original.venue && state.start === original.start &&
        state.end === original.end) {
      show(block, original);
      return Promise.resolve(null);
    }
    var key = block.dataset.session;
    var body = new FormData();
    body.append("csrf_token", csrf);
    body.append("version", block.dataset.version);
    body.append("starts_at", wallTime(state.start));
    body.append("ends_at", wallTime(state.end));
    if (state.venue !== original.venue) {
      body.append("venue", state.venue);
    }
    block.classList.add("is-saving");
    block.setAttribute("aria-busy", "true");
    return fetch(sessionsUrl + "/" + encodeURIComponent(key), {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      var status = response.status;
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: status, data: data };
      });
    }).then(function (answer) {
      block.classList.remove("is-saving");
      block.removeAttribute("aria-busy");
      var data = answer.data || {};
      if (answer.status === 200) {
        block.dataset.version = String(data.version);
        block.dataset.venue = data.venue;
        block.dataset.startsAt = data.starts_at;
        block.dataset.endsAt = data.ends_at;
        show(block, stateOf(block));
        showFindings(block, data.warnings || []);
        var saved = fill(grid.dataset.msgSaved, {
          key: key, when: clock(stateOf(block).start) + "–" + clock(stateOf(block).end)
        });
        if (data.warnings && data.warnings.length) {
          tell(saved + " " + fill(grid.dataset.msgWarnings, {
            list: data.warnings.map(findingText).join("; ")
          }), "warning");
        } else {
          tell(saved, "ok");
        }
        block.dispatchEvent(new CustomEvent("grid:saved", { bubbles: true, detail: data }));
        return data;
      }
      snapBack(block, original);
      if (answer.status === 422) {
        tell(fill(grid.dataset.msgRefused, { reason: data.message || "" }), "error");
      } else if (answer.status === 409) {
        tell(data.message || fill(grid.dataset.msgStale, { key: key }), "error",
             { href: window.location.href, text: grid.dataset.msgReload });
      } else {
        tell(fill(grid.dataset.msgFailed, { status: String(answer.status) }), "error",
             { href: window.location.href, text: grid.dataset.msgReload });
      }
      return null;
    }, function () {
      block.classList.remove("is-saving");
      block.removeAttribute("aria-busy");
      snapBack(block, original);
      tell(fill(grid.dataset.msgFailed, { status: "-" }), "error");
      return null;
    });
  }

  /* -- keyboard --------------------------------------------------------------------------- */
  var picked = null;

  function drop(cancelled) {
    if (!picked) { return; }
    var p = picked;
    picked = null;
    p.block.classList.remove("is-picked");
    p.block.removeAttribute("aria-grabbed");
    if (cancelled) {
      show(p.block, p.original);
      announce(grid.dataset.msgCancelled);
    } else {
      save(p.block, p.original, p.state);
    }
  }

  function step(state, key, shift) {
    var next = { venue: state.venue, start: state.start, end: state.end };
    var column = venueIndex[state.venue];
    if (key === "ArrowUp" || key === "ArrowDown") {
      var delta = (key === "ArrowUp" ? -1 : 1) * SLOT_MS;
      if (shift) {
        next.end = Math.max(state.start + SLOT_MS, state.end + delta);
      } else {
        next.start += delta;
        next.end += delta;
      }
    } else {
      var forward = (key === "ArrowRight") !== rtl;
      column = clamp(column + (forward ? 1 : -1), 0, venues.length - 1);
      next.venue = venues[column].key;
    }
    var first = shownFrom, last = shownFrom + slots * SLOT_MS;
    if (next.start < first || next.end > last) {
      return state;
    }
    return next;
  }

  grid.addEventListener("keydown", function (event) {
    var block = event.target.closest && event.target.closest(".g-block");
    if (!block) { return; }
    var key = event.key;
    if (!picked || picked.block !== block) {
      if (key === "Enter" || key === " ") {
        event.preventDefault();
        drop(true);
        picked = { block: block, original: stateOf(block), state: stateOf(block) };
        block.classList.add("is-picked");
        block.setAttribute("aria-grabbed", "true");
        announce(fill(grid.dataset.msgPicked, { key: block.dataset.session }) + " " +
                 describe(block, picked.state));
      }
      return;
    }
    if (key === "Escape") {
      event.preventDefault();
      drop(true);
    } else if (key === "Enter" || key === " ") {
      event.preventDefault();
      drop(false);
    } else if (/^Arrow(Up|Down|Left|Right)$/.test(key)) {
      event.preventDefault();
      picked.state = step(picked.state, key, event.shiftKey);
      show(block, picked.state);
      block.focus();
      announce(describe(block, picked.state));
    }
  });

  grid.addEventListener("focusout", function (event) {
    if (picked && event.target === picked.block && !grid.contains(event.relatedTarget)) {
      drop(true);
    }
  });

  /* -- mouse (pointer) -------------------------------------------------------------------- */
  var drag = null;
  var swallowClick = false;

  function columnAt(x) {
    for (var i = 0; i < venues.length; i += 1) {
      var r = venues[i].el.getBoundingClientRect();
      if (x >= r.left && x < r.right) { return i; }
    }
    return -1;
  }

  grid.addEventListener("dragstart", function (event) {
    if (event.target.closest && event.target.closest(".g-block")) { event.preventDefault(); }
  });

  grid.addEventListener("pointerdown", function (event) {
    var block = event.target.closest && event.target.closest(".g-block");
    if (!block || event.button !== 0 || picked) { return; }
    var rect = block.getBoundingClientRect();
    drag = {
      block: block,
      id: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      resize: rect.bottom - event.clientY <= 8,
      original: stateOf(block),
      state: stateOf(block),
      moving: false
    };
  });

  grid.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.id) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moving) {
      if (Math.abs(dx) < 4 && Math.abs(dy) < 4) { return; }
      drag.moving = true;
      drag.block.classList.add("is-dragging");
      try { drag.block.setPointerCapture(event.pointerId); } catch (e) { /* synthetic */ }
    }
    event.preventDefault();
    var delta = Math.round(dy / slotPx()) * SLOT_MS;
    var o = drag.original;
    var next = { venue: o.venue, start: o.start, end: o.end };
    if (drag.resize) {
      next.end = Math.max(o.start + SLOT_MS, o.end + delta);
    } else {
      next.start += delta;
      next.end += delta;
      var column = columnAt(event.clientX);
      if (column >= 0) { next.venue = venues[column].key; }
    }
    var first = shownFrom, last = shownFrom + slots * SLOT_MS;
    if (next.start >= first && next.end <= last) {
      drag.state = next;
      show(drag.block, next);
    }
  });

  function endDrag(event, cancelled) {
    if (!drag || event.pointerId !== drag.id) { return; }
    var d = drag;
    drag = null;
    d.block.classList.remove("is-dragging");
    if (!d.moving) { return; }
    swallowClick = true;
    window.setTimeout(function () { swallowClick = false; }, 0);
    if (cancelled) {
      show(d.block, d.original);
    } else {
      save(d.block, d.original, d.state);
    }
  }
  grid.addEventListener("pointerup", function (event) { endDrag(event, false); });
  grid.addEventListener("pointercancel", function (event) { endDrag(event, true); });
  grid.addEventListener("click", function (event) {
    if (swallowClick && event.target.closest && event.target.closest(".g-block")) {
      event.preventDefault();
      swallowClick = false;
    }
  }, true);

  Array.prototype.forEach.call(grid.querySelectorAll(".g-block"), function (block) {
    block.setAttribute("draggable", "false");
  });
}());

/* The "find a slot" panel (templates/organise/_grid_slots.html): asks the free-slots API
   (signed-in session) and lists the windows nearest to the grid's day first, each a link
   to the new-session form prefilled with the venue and the first possible start. */
(function () {
  "use strict";

  var form = document.getElementById("slot-form");
  if (!form) {
    return;
  }
  var status = document.getElementById("slot-status");
  var list = document.getElementById("slot-results");
  var zone = form.dataset.zone;
  var reference = new Date(form.dataset.reference).getTime();
  var names = {};
  Array.prototype.forEach.call(document.querySelectorAll(".g-venue"), function (el) {
    names[el.dataset.venue] = el.dataset.name;
  });
  var wall = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });
  var shown = new Intl.DateTimeFormat(document.documentElement.lang || "en", {
    timeZone: zone, weekday: "short", day: "numeric", month: "short",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });
  var clock = new Intl.DateTimeFormat(document.documentElement.lang || "en", {
    timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function wallTime(ms) {
    var p = {};
    wall.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
    return p.year + "-" + p.month + "-" + p.day + "T" + p.hour + ":" + p.minute;
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }
  function distance(slot) {
    if (slot.start <= reference && reference < slot.end) { return 0; }
    return Math.min(Math.abs(slot.start - reference), Math.abs(slot.end - reference));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") { query.append(name, value); }
    });
    // "Only venues that offer what their members need": each chosen delegation's needs
    // become requires= items (the checkbox has no name, so it is never sent itself).
    var meetNeeds = document.getElementById("slot-needs");
    if (meetNeeds && meetNeeds.checked) {
      var wanted = query.getAll("requires");
      form.querySelectorAll("input[name=delegation]:checked").forEach(function (box) {
        (box.dataset.needs || "").split(" ").forEach(function (need) {
          if (need && wanted.indexOf(need) < 0) {
            wanted.push(need);
            query.append("requires", need);
          }
        });
      });
    }
    var minutes = parseInt(form.elements.duration.value, 10);
    list.textContent = "";
    status.textContent = form.dataset.msgSearching;
    fetch(form.action + "?" + query.toString(), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).then(function (answer) {
      if (!answer.ok) {
        status.textContent = fill(form.dataset.msgFailed, {
          reason: answer.data.detail || answer.data.title || String(answer.status)
        });
        return;
      }
      var slots = (answer.data.slots || []).map(function (s) {
        return {
          venue: s.venue,
          start: new Date(s.starts_at).getTime(),
          end: new Date(s.ends_at).getTime()
        };
      });
      slots.sort(function (a, b) {
        return distance(a) - distance(b) || a.start - b.start ||
          (a.venue < b.venue ? -1 : a.venue > b.venue ? 1 : 0);
      });
      if (!slots.length) {
        status.textContent = form.dataset.msgNone;
        return;
      }
      status.textContent = fill(form.dataset.msgFound, { num: String(slots.length) });
      slots.slice(0, 100).forEach(function (s) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        var ends = s.start + minutes * 60000;
        var target = new URLSearchParams({
          venue: s.venue, starts_at: wallTime(s.start), ends_at: wallTime(ends)
        });
        link.href = form.dataset.newUrl + "?" + target.toString();
        link.dataset.venue = s.venue;
        link.dataset.startsAt = wallTime(s.start);
        var where = document.createElement("bdi");
        where.textContent = names[s.venue] || s.venue;
        link.appendChild(where);
        link.appendChild(document.createTextNode(
          " · " + shown.format(new Date(s.start)) + "–" + clock.format(new Date(s.end)) +
          " · " + form.dataset.msgCreate));
        item.appendChild(link);
        list.appendChild(item);
      });
    }, function () {
      status.textContent = fill(form.dataset.msgFailed, { reason: "-" });
    });
  });
}());
