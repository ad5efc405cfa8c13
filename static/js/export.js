// List export page: poll the job's status until it is done or failed; then show the download link or the reason.
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
        document.getElementById("download").href = s.download;
        document.getElementById("job-links").hidden = false;
        show("job-rows", "共" + s.rows + "行");
      } else if (s.status === "failed") {
        show("job-error", "导出失败：" + s.error);
        document.getElementById("job-error").hidden = false;
      } else { setTimeout(poll, 1000); }
    }).catch(function () { setTimeout(poll, 3000); });
  }
  if (box.dataset.active === "1") { poll(); }
})();
