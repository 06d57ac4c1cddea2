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
    windows: [{ manifestId: element.dataset.manifest }],
    window: { allowClose: false, allowMaximize: false, sideBarOpen: false },
    workspaceControlPanel: { enabled: false },
  });
})();
