/* Mirador 4 opening one work's IIIF manifest (site/works/artwork_mirador.html). */
(function () {
  "use strict";
  var element = document.getElementById("mirador");
  if (!element || typeof Mirador === "undefined") {
    return;
  }
  // Exposed so that the browser tests (and the console) can read Mirador's redux state.
  window.miradorInstance = Mirador.viewer({
    id: "mirador",
    // One window, maximized: Mirador then shows it on its own instead of in the mosaic
    // workspace, whose drag and drop (react-dnd) reads element.ref and makes React 19 log an
    // error on every page (Lighthouse's errors-in-console); one work has nothing to arrange.
    windows: [{ manifestId: element.dataset.manifest, maximized: true }],
    window: { allowClose: false, allowMaximize: false, sideBarOpen: false },
    workspaceControlPanel: { enabled: false },
  });
})();
