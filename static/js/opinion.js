// Handling opinion: prefill the legal basis of the chosen outcome (only while the field is empty or still a
// default), and show the "right agency" field only for the outcomes whose reply names it. Both come from the
// rulebook (letters/outcomes.py) through the page's JSON.
(function () {
  "use strict";
  var data = document.getElementById("default-articles");
  var outcome = document.getElementById("id_outcome");
  var articles = document.getElementById("id_articles");
  var right = document.getElementById("wrap_right_agency");
  if (!data || !outcome || !articles) { return; }
  var hints = JSON.parse(data.textContent);
  var defaults = hints.articles;
  var known = Object.keys(defaults).map(function (k) { return defaults[k]; });
  var refused = articles.closest(".has-error") !== null;  // the page says it is missing: leave it as the user left it
  function sync(event) {
    var value = outcome.value;
    var prefill = event !== undefined || !refused;
    if (prefill && defaults[value] && (!articles.value.trim() || known.indexOf(articles.value.trim()) !== -1)) {
      articles.value = defaults[value];
    }
    if (right) { right.hidden = hints.right_agency.indexOf(value) === -1 && !right.classList.contains("has-error"); }
  }
  outcome.addEventListener("change", sync);
  sync();
}());
