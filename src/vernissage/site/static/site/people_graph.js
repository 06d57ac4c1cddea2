/* The people graph (site/people/graph.html): Cytoscape.js draws the data the page holds in
   #people-graph-data, which the server has already filtered and cut to a few hundred nodes
   (people.graph); the list below the drawing says the same for readers without it.
   Clicking a person opens their page. */
(function () {
  "use strict";
  var container = document.getElementById("people-graph");
  var source = document.getElementById("people-graph-data");
  if (!container || !source || typeof cytoscape === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var groups = {
    partner: "family", spouse: "family", parent: "family", sibling: "family",
    collaborator: "work", teacher: "work", studied_at: "work", member_of: "work",
    represented_by: "work", patron: "support", supporter: "support", friend: "support",
    exhibited: "exhibited", critic: "critic", collector: "collector",
  };
  var elements = [];
  data.nodes.forEach(function (node) {
    var classes = [node.kind];
    if (node.private) { classes.push("private"); }
    if (node.id === data.center) { classes.push("center"); }
    elements.push({
      group: "nodes",
      data: { id: node.id, label: node.label, url: node.url, ties: node.ties },
      classes: classes.join(" "),
    });
  });
  data.edges.forEach(function (edge) {
    var classes = ["tie-" + (groups[edge.kind] || "other")];
    if (edge.private) { classes.push("private"); }
    elements.push({
      group: "edges",
      data: {
        id: edge.id, source: edge.source, target: edge.target, label: edge.label,
        directed: edge.kind === "partner" || edge.kind === "spouse" || edge.kind === "sibling" ||
          edge.kind === "friend" || edge.kind === "collaborator" ? "no" : "yes",
      },
      classes: classes.join(" "),
    });
  });
  var few = data.nodes.length <= 40;
  container.hidden = false;
  document.querySelectorAll(".graph-hint").forEach(function (hint) { hint.hidden = false; });
  var colours = {
    family: "#8a2f1d", work: "#2f5d8a", support: "#3d7a3a",
    exhibited: "#9a7417", critic: "#6b3d8a", collector: "#b35900", other: "#6b6760",
  };
  var style = [
    {
      selector: "node",
      style: {
        "label": "data(label)", "font-family": "Georgia, serif", "font-size": 11,
        "text-valign": "bottom", "text-margin-y": 4, "color": "#1d1d1b",
        "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1, "background-color": "#d9d3c7",
        "border-width": 1, "border-color": "#8f877a",
        "width": "mapData(ties, 1, 20, 16, 40)", "height": "mapData(ties, 1, 20, 16, 40)",
      },
    },
    { selector: "node.person[url]", style: { "background-color": "#e8c9a8" } },
    { selector: "node.organization", style: { "shape": "round-rectangle", "background-color": "#c9d6e3" } },
    { selector: "node.private", style: { "border-style": "dashed", "border-width": 2 } },
    { selector: "node.center", style: { "border-width": 3, "border-color": "#8a2f1d", "font-weight": "bold" } },
    {
      selector: "edge",
      style: {
        "width": 1.6, "curve-style": "bezier", "line-color": colours.other,
        "target-arrow-color": colours.other, "arrow-scale": 0.8,
        "label": few ? "data(label)" : "", "font-size": 9, "color": "#6b6760",
        "text-rotation": "autorotate", "text-background-color": "#ffffff",
        "text-background-opacity": 0.7,
      },
    },
    { selector: "edge[directed = 'yes']", style: { "target-arrow-shape": "triangle" } },
    { selector: "edge.private", style: { "line-style": "dashed" } },
  ];
  Object.keys(colours).forEach(function (group) {
    style.push({
      selector: "edge.tie-" + group,
      style: { "line-color": colours[group], "target-arrow-color": colours[group] },
    });
  });
  var layout = data.nodes.length > 1
    ? {
      name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
      // Fewer rounds for big graphs: the layout runs before the page answers again.
      numIter: data.nodes.length > 150 ? 300 : 1000, idealEdgeLength: function () { return 70; },
      nodeRepulsion: function () { return 9000; }, padding: 20,
    }
    : { name: "grid", padding: 40 };
  var cy = cytoscape({
    container: container,
    elements: elements,
    style: style,
    layout: layout,
    minZoom: 0.15,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
  });
  cy.on("tap", "node", function (event) {
    var url = event.target.data("url");
    if (url) {
      window.location.assign(url);
    }
  });
  cy.on("mouseover", "node[url]", function () { container.style.cursor = "pointer"; });
  cy.on("mouseout", "node", function () { container.style.cursor = ""; });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.ready = "true";
  // For the browser tests and for anyone poking at the page from the console.
  window.vernissagePeopleGraph = cy;
})();
