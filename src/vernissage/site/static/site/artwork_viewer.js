/* Deep zoom on the public artwork page: OpenSeadragon fed with IIIF Image API info.json URLs.
   The markup (site/works/artwork_detail.html) holds every URL; this file only wires it up. */
(function () {
  "use strict";
  var element = document.getElementById("deepzoom");
  if (!element || typeof OpenSeadragon === "undefined") {
    return;
  }
  var viewer = OpenSeadragon({
    element: element,
    prefixUrl: element.dataset.prefix,
    tileSources: element.dataset.info,
    // The 2D canvas drawer works everywhere, GPU or not, and lets the page read its pixels.
    drawer: "canvas",
    showNavigator: true,
    navigatorPosition: "BOTTOM_RIGHT",
    maxZoomPixelRatio: 2,
    visibilityRatio: 0.8,
    gestureSettingsMouse: { clickToZoom: false },
  });
  // For the browser tests and for anyone poking at the page from the console.
  window.vernissageViewer = viewer;

  var caption = document.querySelector(".deepzoom-caption");
  var credit = document.querySelector(".deepzoom-credit");
  var buttons = document.querySelectorAll(".deepzoom-thumb");
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        return;
      }
      buttons.forEach(function (other) {
        other.setAttribute("aria-pressed", other === button ? "true" : "false");
      });
      viewer.open(button.dataset.info);
      // The label comes written out, and translated, in the markup.
      element.setAttribute("aria-label", button.dataset.label);
      if (caption) {
        caption.textContent = button.dataset.caption;
      }
      if (credit) {
        credit.textContent = button.dataset.credit;
      }
    });
  });
})();
