// Story page: timeline, actor network and map from the JSON the server embeds in the page,
// and client-side filtering of the quotes table. Every label goes through textContent or the
// libraries' own text rendering: nothing from a story is inserted as HTML.
"use strict";

(function () {
  const holder = document.getElementById("story-data");
  if (!holder) return;
  const data = JSON.parse(holder.textContent);
  const base = "/stories/" + encodeURIComponent(data.story);

  function articleLink(article, start, end) {
    return base + "/articles/" + encodeURIComponent(article) + "?start=" + start + "&end=" + end +
      "&v=" + data.version + "#passage";
  }

  function drawTimeline() {
    const box = document.getElementById("timeline");
    if (!box || !window.vis || !data.timeline.length) return;
    const items = data.timeline.map(function (item) {
      const label = document.createElement("span");
      label.textContent = item.content;
      return Object.assign({}, item, { content: label, title: undefined });
    });
    // Pad the window so labels of the first and last points are not cut at the edges.
    const times = data.timeline.map(function (i) { return Date.parse(i.start); })
      .concat(data.timeline.filter(function (i) { return i.end; }).map(function (i) { return Date.parse(i.end); }));
    const low = Math.min.apply(null, times), high = Math.max.apply(null, times);
    const pad = Math.max((high - low) * 0.15, 15 * 86400000);
    const timeline = new vis.Timeline(box, new vis.DataSet(items), {
      stack: true, zoomable: true, maxHeight: 380,
      start: new Date(low - pad), end: new Date(high + pad),
    });
    timeline.on("select", function (props) {
      const item = data.timeline.find(function (i) { return i.id === props.items[0]; });
      if (item && item.article) window.location = articleLink(item.article, item.startOffset, item.endOffset);
    });
  }

  function drawNetwork() {
    const box = document.getElementById("network");
    if (!box || !window.cytoscape) return;
    const cy = cytoscape({
      container: box,
      elements: data.network.nodes.concat(data.network.edges),
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#456",
          width: "mapData(size, 0, 30, 14, 44)", height: "mapData(size, 0, 30, 14, 44)" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 6, 1.5, 7)", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "line-color": "#999", "target-arrow-color": "#999" } },
        { selector: "edge[kind = 'cooperation']", style: { "line-color": "#2a9d4b", "target-arrow-color": "#2a9d4b" } },
        { selector: "edge[kind = 'conflict']", style: { "line-color": "#d33", "target-arrow-color": "#d33" } },
      ],
      layout: { name: "cose", animate: false },
    });
    cy.on("tap", "node", function (evt) {
      window.location = base + "/actors/" + encodeURIComponent(evt.target.id()) + "?v=" + data.version;
    });
  }

  function drawMap() {
    const box = document.getElementById("map");
    if (!box || !window.L) return;
    const map = L.map(box, { worldCopyJump: true, attributionControl: true }).setView([30, 20], 2);
    map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }).then(function (world) {
      const mentioned = new Set(data.map.countries);
      const shapes = topojson.feature(world, world.objects.countries);
      L.geoJSON(shapes, {
        style: function (f) {
          const hit = mentioned.has(String(f.id));
          return { color: "#789", weight: 0.6, fillColor: hit ? "#f2b84b" : "#eef2e6", fillOpacity: 1 };
        },
      }).addTo(map);
      const points = [];
      data.map.markers.forEach(function (p) {
        const marker = L.circleMarker([p.lat, p.lon], { radius: 4 + Math.min(p.mentions, 12), color: "#a22", weight: 1, fillOpacity: 0.7 });
        const label = document.createElement("span");
        label.textContent = p.name + " (" + p.mentions + " mentions)";
        marker.bindTooltip(label).addTo(map);
        points.push([p.lat, p.lon]);
      });
      if (points.length) map.fitBounds(points, { padding: [40, 40], maxZoom: 6 });
    });
  }

  function quoteFilter() {
    const select = document.getElementById("speaker-filter");
    const table = document.getElementById("quotes-table");
    if (!select || !table) return;
    select.addEventListener("change", function () {
      table.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = select.value !== "" && row.dataset.speaker !== select.value;
      });
    });
  }

  function safely(draw) {
    try { draw(); } catch (err) { console.error(err); }
  }
  [drawTimeline, drawNetwork, drawMap, quoteFilter].forEach(safely);
})();
