// The redaction page (区分处理): draw boxes on the page images with the mouse or the keyboard, and fill the box
// form with fractions of the displayed page (the zoom does not matter). No library, no inline script (CSP).
(function () {
  "use strict";
  var form = document.getElementById("box-form");
  var STEP = 0.01, MIN = 0.005;

  function clamp(v) { return Math.min(1, Math.max(0, v)); }

  function place(el, r) {
    el.style.left = (r.left * 100) + "%";
    el.style.top = (r.top * 100) + "%";
    el.style.width = (r.width * 100) + "%";
    el.style.height = (r.height * 100) + "%";
  }

  // The boxes already marked, from their data attributes.
  document.querySelectorAll(".redact-box").forEach(function (el) {
    place(el, {left: +el.dataset.left, top: +el.dataset.top, width: +el.dataset.width, height: +el.dataset.height});
  });
  if (!form) { return; }

  function field(name) { return form.querySelector("[name=" + name + "]"); }

  function fill(page, r) {
    field("page").value = page;
    field("left").value = r.left.toFixed(4);
    field("top").value = r.top.toFixed(4);
    field("width").value = r.width.toFixed(4);
    field("height").value = r.height.toFixed(4);
    field("origin").value = "hand";
  }

  function selection(figure) {
    var el = figure.querySelector(".redact-selection");
    if (!el) {
      el = document.createElement("span");
      el.className = "redact-selection";
      el.setAttribute("aria-hidden", "true");
      figure.appendChild(el);
    }
    return el;
  }

  function announce(figure, r) {
    var live = document.getElementById("redact-live");
    if (!live) {
      live = document.createElement("p");
      live.id = "redact-live";
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "polite");
      form.appendChild(live);
    }
    live.textContent = "第" + figure.dataset.page + "页选框：左" + Math.round(r.left * 100) + "%，上" +
      Math.round(r.top * 100) + "%，宽" + Math.round(r.width * 100) + "%，高" + Math.round(r.height * 100) + "%";
  }

  document.querySelectorAll(".redact-page[data-page]").forEach(function (figure) {
    var img = figure.querySelector("img");
    var start = null;
    var rect = {left: 0.1, top: 0.1, width: 0.2, height: 0.04};

    function point(event) {
      var b = img.getBoundingClientRect();
      return {x: clamp((event.clientX - b.left) / b.width), y: clamp((event.clientY - b.top) / b.height)};
    }

    function show() {
      place(selection(figure), rect);
      fill(figure.dataset.page, rect);
      announce(figure, rect);
    }

    img.addEventListener("mousedown", function (event) {
      event.preventDefault();
      start = point(event);
    });
    window.addEventListener("mousemove", function (event) {
      if (!start) { return; }
      var p = point(event);
      rect = {left: Math.min(start.x, p.x), top: Math.min(start.y, p.y),
              width: Math.abs(p.x - start.x), height: Math.abs(p.y - start.y)};
      place(selection(figure), rect);
    });
    window.addEventListener("mouseup", function (event) {
      if (!start) { return; }
      var p = point(event);
      rect = {left: Math.min(start.x, p.x), top: Math.min(start.y, p.y),
              width: Math.max(MIN, Math.abs(p.x - start.x)), height: Math.max(MIN, Math.abs(p.y - start.y))};
      start = null;
      show();
      field("reason").focus();
    });

    // Keyboard: arrows move the selection, Shift+arrows resize it, Enter takes it into the form.
    figure.addEventListener("keydown", function (event) {
      var moves = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
      if (event.key === "Enter") {
        event.preventDefault();
        show();
        field("reason").focus();
        return;
      }
      if (!moves[event.key]) { return; }
      event.preventDefault();
      var d = moves[event.key];
      if (event.shiftKey) {
        rect.width = Math.max(MIN, Math.min(1 - rect.left, rect.width + d[0] * STEP));
        rect.height = Math.max(MIN, Math.min(1 - rect.top, rect.height + d[1] * STEP));
      } else {
        rect.left = clamp(Math.min(1 - rect.width, rect.left + d[0] * STEP));
        rect.top = clamp(Math.min(1 - rect.height, rect.top + d[1] * STEP));
      }
      show();
    });
    figure.addEventListener("focus", function () { place(selection(figure), rect); announce(figure, rect); });
  });
}());
