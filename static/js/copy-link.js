/* "Copy link" buttons: an enhancement. Without JavaScript the button stays hidden and the
   link is written out on the page, ready to select and copy. No inline script (strict CSP). */
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyBySelection(element) {
    selectText(element);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!target) {
      return;
    }
    function report(copied) {
      if (status) {
        status.textContent = copied
          ? "Link copied."
          : "Your browser did not let us copy. The link is selected: copy it with your keyboard or menu.";
      }
      if (!copied) {
        selectText(target);
      }
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = (target.getAttribute("href") || target.textContent).trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { report(true); },
          function () { report(copyBySelection(target)); }
        );
      } else {
        report(copyBySelection(target));
      }
    });
  });
})();
