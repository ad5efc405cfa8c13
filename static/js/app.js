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
})();
