// Delivery forms: show only the fields of the chosen delivery method (their inputs carry data-methods, set by
// forms/delivery.py). A field with an error stays visible; without JavaScript every field shows.
(function () {
  "use strict";
  document.querySelectorAll("select[name$='method']").forEach(function (select) {
    var form = select.form;
    function sync() {
      form.querySelectorAll("[data-methods]").forEach(function (input) {
        var wrap = input.closest(".field");
        var mine = input.dataset.methods.split(" ").indexOf(select.value) !== -1;
        wrap.hidden = !mine && !wrap.classList.contains("has-error");
      });
    }
    select.addEventListener("change", sync);
    sync();
  });
}());
