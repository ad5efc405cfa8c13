// Registration page: show the date fields of the chosen channel, ask the server for the receipt date it derives
// (REG 31; the server is the source of truth), look up known applicants, and warn of probable repeats.
(function () {
  "use strict";
  var form = document.getElementById("register-form");
  if (!form) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var channel = $("id_channel"), postKind = $("id_post_kind"), override = $("id_override");
  var applicantId = form.querySelector("[name=applicant_id]");
  var timer = null;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function syncFields() {
    var ch = channel.value, pk = postKind.value;
    form.querySelectorAll("[data-channels]").forEach(function (wrap) {
      var ok = wrap.dataset.channels.split(" ").some(function (token) {
        var parts = token.split(":");
        return parts[0] === ch && (!parts[1] || parts[1] === pk);
      });
      wrap.hidden = !ok && !wrap.classList.contains("has-error");
    });
    $("override-fields").hidden = !override.checked;
  }

  function renderPreview(data) {
    var box = $("receipt-preview");
    box.textContent = "";
    if (data.received_on) {
      var p = el("p", "收到申请日期：");
      var strong = el("strong", data.received_on);
      strong.id = "receipt-date";
      p.appendChild(strong);
      if (data.override) { p.appendChild(document.createTextNode("（人工调整）")); }
      if (data.future) { p.appendChild(el("span", " 日期不能晚于今天", "error")); }
      box.appendChild(p);
    }
    if (data.missing) { box.appendChild(el("p", data.missing, "muted")); }
    if (data.rule) { box.appendChild(el("p", "依据条例第三十一条：" + data.rule, "rule")); }
    else { box.appendChild(el("p", box.dataset.empty, "muted")); }  // never an empty panel
    renderRepeats(data.repeats || []);
  }

  function renderRepeats(repeats) {
    var box = $("repeat-warning");
    box.textContent = "";
    box.hidden = repeats.length === 0;
    if (!repeats.length) { return; }
    box.appendChild(el("strong", "可能为重复申请"));
    box.appendChild(document.createTextNode("（条例第三十六条第（六）项）：该申请人近12个月内有内容相近的申请："));
    var ul = el("ul");
    repeats.forEach(function (r) {
      var li = el("li");
      var a = el("a", r.number);
      a.href = "/requests/" + r.pk + "/";
      a.target = "_blank";
      a.rel = "noopener";
      li.appendChild(a);
      li.appendChild(document.createTextNode("（" + r.received_on + "，" + r.state + "）" + r.description));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.appendChild(document.createTextNode("仅作提示，仍可登记。"));
  }

  function refresh() {
    var params = new URLSearchParams();
    ["channel", "post_kind", "submitted_on", "arrived_on", "signed_on", "confirmed_on", "received_override",
      "applicant_id"].forEach(function (name) {
      var input = form.querySelector("[name=" + name + "]");
      if (input && input.value) { params.set(name, input.value); }
    });
    if (override.checked) { params.set("override", "on"); }
    if (applicantId.value) { params.set("description", $("id_description").value.slice(0, 2000)); }
    fetch(form.dataset.previewUrl + "?" + params.toString(), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { renderPreview(data); } })
      .catch(function () { /* the server checks again on save */ });
  }

  function later() { clearTimeout(timer); timer = setTimeout(refresh, 250); }

  function choose(item) {
    applicantId.value = item.id;
    $("chosen-name").textContent = item.name;
    $("chosen-detail").textContent = [item.kind, item.id_number, item.phone, item.address].filter(Boolean).join(" ");
    $("chosen-applicant").hidden = false;
    $("new-applicant").hidden = true;
    $("lookup-results").textContent = "";
    refresh();
  }

  function search() {
    var q = $("applicant-q").value.trim();
    var list = $("lookup-results");
    if (!q) { return; }
    fetch(form.dataset.lookupUrl + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        list.textContent = "";
        if (!data.results.length) { list.appendChild(el("li", "未找到，请在下方填写新申请人。", "muted")); }
        data.results.forEach(function (item) {
          var li = el("li");
          li.appendChild(el("span", item.name + "（" + item.kind + "）"));
          li.appendChild(el("span", " " + [item.id_number, item.phone, item.address].filter(Boolean).join(" "),
            "muted small"));
          var b = el("button", "选用");
          b.type = "button";
          b.addEventListener("click", function () { choose(item); });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(b);
          list.appendChild(li);
        });
      });
  }

  $("applicant-search").addEventListener("click", search);
  $("applicant-q").addEventListener("keydown", function (e) {
    if (e.key === "Enter") { e.preventDefault(); search(); }
  });
  $("clear-applicant").addEventListener("click", function () {
    applicantId.value = "";
    $("chosen-applicant").hidden = true;
    $("new-applicant").hidden = false;
    renderRepeats([]);
  });
  [channel, postKind, override].forEach(function (input) {
    input.addEventListener("change", function () { syncFields(); refresh(); });
  });
  ["id_submitted_on", "id_arrived_on", "id_signed_on", "id_confirmed_on", "id_received_override"].forEach(function (id) {
    $(id).addEventListener("change", refresh);
    $(id).addEventListener("input", later);
  });
  $("id_description").addEventListener("input", function () { if (applicantId.value) { later(); } });
  syncFields();
  if (channel.value) { refresh(); }
}());
