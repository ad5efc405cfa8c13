// Case-file export page: poll the job's status until it is done or failed, and show the real reason of a failure.
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.dataset.statusUrl;
  function show(id, text) { document.getElementById(id).textContent = text; }
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      document.getElementById("job-progress").value = s.progress;
      show("job-label", s.label);
      var running = s.status !== "done" && s.status !== "failed";  // a finished job's label says it all
      show("job-sep", running ? "：" : "");
      show("job-step", running ? s.step : "");
      show("job-percent", running ? s.progress + "%" : "");
      if (s.status === "done") {
        document.getElementById("job-links").hidden = false;
        show("job-pages", "共" + s.pages + "页");
      } else if (s.status === "failed") {
        show("job-error", "生成失败：" + s.error);
        document.getElementById("job-error").hidden = false;
      } else { setTimeout(poll, 1000); }
    }).catch(function () { setTimeout(poll, 3000); });
  }
  if (box.dataset.active === "1") { poll(); }
})();
