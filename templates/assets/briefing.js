// The quotes page's filter by speaker and issue. Our own script, no other host:
// without it the form stays hidden and every quote shows.
(function () {
  function start() {
    var form = document.querySelector("form.briefing-filter");
    if (!form) { return; }
    var cards = Array.prototype.slice.call(document.querySelectorAll(".briefing-quote"));
    var output = form.querySelector("output");
    function apply() {
      var actor = form.elements.actor.value, issue = form.elements.issue.value, shown = 0;
      cards.forEach(function (card) {
        var issues = (card.getAttribute("data-issues") || "").split(" ");
        var keep = (!actor || card.getAttribute("data-speaker") === actor) &&
          (!issue || issues.indexOf(issue) >= 0);
        card.hidden = !keep;
        if (keep) { shown += 1; }
      });
      output.textContent = shown + " of " + cards.length + " quotes on this page";
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
