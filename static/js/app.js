/* requests_cms — small progressive enhancements; every page works without JavaScript. */
(function () {
  "use strict";
  // <details data-explain-url="…">: load the deadline explanation the first time it is opened.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.matches || !details.matches("details[data-explain-url]") || !details.open) return;
    if (details.dataset.loaded) return;
    details.dataset.loaded = "1";
    var body = details.querySelector(".explain-body");
    body.textContent = "正在加载…";
    fetch(details.dataset.explainUrl, {headers: {"X-Requested-With": "fetch"}, credentials: "same-origin"})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) { body.innerHTML = html; })
      .catch(function () {
        body.textContent = "计算说明加载失败，请刷新页面后重试。";
        delete details.dataset.loaded;
      });
  }, true);

  // A length limit (data-maxlength, forms/fields.py) is shown as a live counter; nothing is cut: the server says
  // what is too long and the text stays in the form.
  document.querySelectorAll("[data-maxlength]").forEach(function (input) {
    var limit = parseInt(input.dataset.maxlength, 10);
    var counter = document.createElement("span");
    counter.className = "counter";
    counter.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", counter);
    function update() {
      var n = input.value.length;
      counter.textContent = n + "/" + limit + "字" + (n > limit ? "，超出" + (n - limit) + "字" : "");
      counter.classList.toggle("over", n > limit);
      counter.hidden = n === 0 && limit > 200;  // long free texts: the counter appears once typing starts
    }
    input.addEventListener("input", update);
    update();
  });

  // After a refused submission, the cursor goes to the first field with an error.
  var firstError = document.querySelector(".has-error input, .has-error select, .has-error textarea");
  if (firstError) { firstError.focus(); }
})();
