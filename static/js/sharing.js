// Progressive enhancement for the clinicians' pages: "copy" and "print" buttons.
// Without JavaScript the buttons stay hidden; the link and the notes can be selected by hand.
(function () {
  "use strict";

  function textOf(element) {
    return element.value !== undefined ? element.value : element.href || element.textContent;
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(textOf(target)).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
