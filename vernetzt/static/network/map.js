/* The network map: draws what /netzwerk/karte/daten.json sends (positions computed on the
   server) with sigma.js (WebGL) and graphology; search and focus on one organisation with its
   partners; double-click opens a profile. Texts come from data-text-* attributes (translated). */
(function () {
  "use strict";

  // The same colours as .network-colour-N in map.css.
  var PALETTE = ["#1f5fa8", "#c0392b", "#1e7d4f", "#8e44ad", "#d35400", "#00838f",
    "#ad1457", "#5d6d7e", "#8a6d00", "#6d4c41", "#4e7a1c", "#263238"];
  var DIMMED = "#dcdee3";
  var EDGE = "#b9bec7";
  var MAX_RESULTS = 10;
  var MAX_LISTED_PARTNERS = 60;

  function text(container, name, values) {
    var value = container.getAttribute("data-text-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      value = value.replace("{" + key + "}", values[key]);
    });
    return value;
  }

  function webglAvailable() {
    try {
      var canvas = document.createElement("canvas");
      return !!(canvas.getContext("webgl") || canvas.getContext("experimental-webgl"));
    } catch (error) {
      return false;
    }
  }

  function start() {
    var container = document.getElementById("network-map");
    if (!container) return;
    var status = document.getElementById("network-map-status");
    if (!window.Sigma || !window.graphology || !webglAvailable()) {
      status.textContent = text(container, "nowebgl");
      container.hidden = true;
      return;
    }
    var started = performance.now();
    fetch(container.getAttribute("data-url"), {
      credentials: "same-origin", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      draw(container, status, data, started);
    }).catch(function () {
      status.textContent = text(container, "failed");
    });
  }

  function draw(container, status, data, started) {
    var types = {};
    data.types.forEach(function (type) { types[type[0]] = type; });
    var graph = new graphology.Graph({ type: "undirected", multi: false, allowSelfLoops: false });
    var keys = [];
    data.nodes.forEach(function (node) {
      var key = String(node[0]);
      var type = types[node[3]];
      keys.push(key);
      graph.addNode(key, {
        x: node[4], y: -node[5], label: node[1], slug: node[2],
        typeLabel: type ? type[1] : "", partners: node[6], ties: node[7],
        size: 2.5 + Math.sqrt(node[6]) * 1.4,
        color: PALETTE[type ? type[2] : 7]
      });
    });
    data.edges.forEach(function (edge) {
      graph.addEdge(keys[edge[0]], keys[edge[1]], {
        size: Math.min(0.6 + Math.log2(edge[2]) * 0.6, 3), color: EDGE
      });
    });

    var focused = null;
    var neighbours = new Set();
    var renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: 9,
      labelFont: "Fira Sans, Arial, sans-serif",
      hideEdgesOnMove: data.edges.length > 20000,
      zIndex: true,
      nodeReducer: function (node, attributes) {
        if (!focused) return attributes;
        if (node === focused || neighbours.has(node)) {
          return Object.assign({}, attributes, { zIndex: 1, forceLabel: node === focused });
        }
        return Object.assign({}, attributes, { color: DIMMED, label: "", zIndex: 0 });
      },
      edgeReducer: function (edge, attributes) {
        if (!focused) return attributes;
        if (graph.hasExtremity(edge, focused)) {
          return Object.assign({}, attributes, { color: "#44484f", zIndex: 1 });
        }
        return Object.assign({}, attributes, { hidden: true });
      }
    });

    var profile = data.profile;
    function profileUrl(node) {
      return profile.replace("SLUG", encodeURIComponent(graph.getNodeAttribute(node, "slug")));
    }

    var panel = document.getElementById("network-map-focus");
    function showPanel(node) {
      if (!panel) return;
      if (!node) { panel.hidden = true; return; }
      var attributes = graph.getNodeAttributes(node);
      document.getElementById("network-map-focus-name").textContent = attributes.label;
      document.getElementById("network-map-focus-facts").textContent = attributes.typeLabel + " · " +
        attributes.partners + " " + text(container, "partners") + " · " +
        attributes.ties + " " + text(container, "ties");
      document.getElementById("network-map-focus-profile").href = profileUrl(node);
      var list = document.getElementById("network-map-focus-partners");
      list.textContent = "";
      var partners = graph.neighbors(node).map(function (key) {
        return [key, graph.getNodeAttribute(key, "label")];
      }).sort(function (a, b) { return a[1].localeCompare(b[1]); });
      partners.slice(0, MAX_LISTED_PARTNERS).forEach(function (partner) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "network-link-button";
        var label = document.createElement("bdi");
        label.textContent = partner[1];
        button.appendChild(label);
        button.addEventListener("click", function () { focus(partner[0], true); });
        item.appendChild(button);
        list.appendChild(item);
      });
      panel.hidden = false;
    }

    function focus(node, moveFocus) {
      focused = node;
      neighbours = new Set(node ? graph.neighbors(node) : []);
      renderer.refresh({ skipIndexation: true });
      showPanel(node);
      container.setAttribute("data-focused", node || "");
      if (node) {
        var display = renderer.getNodeDisplayData(node);
        if (display) {
          renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
        }
        if (moveFocus && panel) panel.focus();
      } else {
        renderer.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 400 });
      }
    }

    renderer.on("clickNode", function (event) { focus(event.node, false); });
    renderer.on("clickStage", function () { focus(null, false); });
    renderer.on("doubleClickNode", function (event) {
      event.preventSigmaDefault();
      window.location.href = profileUrl(event.node);
    });
    renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
    renderer.on("leaveNode", function () { container.style.cursor = ""; });
    var clear = document.getElementById("network-map-focus-clear");
    if (clear) clear.addEventListener("click", function () { focus(null, false); });

    // Search: names containing the typed text, as buttons that focus the organisation.
    var search = document.getElementById("network-map-search");
    var results = document.getElementById("network-map-results");
    var names = keys.map(function (key) {
      return [key, graph.getNodeAttribute(key, "label").toLocaleLowerCase()];
    });
    search.disabled = false;
    search.addEventListener("input", function () {
      var needle = search.value.trim().toLocaleLowerCase();
      results.textContent = "";
      if (needle.length < 2) return;
      var found = names.filter(function (entry) { return entry[1].indexOf(needle) !== -1; })
        .slice(0, MAX_RESULTS);
      if (!found.length) {
        var none = document.createElement("li");
        none.textContent = text(container, "none");
        results.appendChild(none);
        return;
      }
      found.forEach(function (entry) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "kern-btn kern-btn--secondary kern-btn--small";
        var label = document.createElement("bdi");
        label.textContent = graph.getNodeAttribute(entry[0], "label");
        button.appendChild(label);
        button.addEventListener("click", function () { focus(entry[0], true); });
        item.appendChild(button);
        results.appendChild(item);
      });
    });

    var message = text(container, "shown", { nodes: graph.order, edges: graph.size });
    if (!data.final) message += " " + text(container, "provisional");
    status.textContent = message;
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () {
        container.setAttribute("data-drawn", "true");
        container.setAttribute("data-drawn-ms", String(Math.round(performance.now() - started)));
        if (performance.mark) performance.mark("network-map-drawn");
      });
    });
    window.vernetztNetworkMap = { renderer: renderer, graph: graph, focus: focus };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
