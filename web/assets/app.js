// taizhang serve: the few things pages do in the browser. Every page works without it: the upload
// is a plain form and the board a plain table. With it, an upload answers on the same page without
// a reload, files can be dropped on the page, and the board follows new uploads live.
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }

  // --- the agency's page -------------------------------------------------------------------
  function setupUpload() {
    var form = $("#upload");
    if (!form) return;
    var input = $("#file", form), drop = $("#drop", form), name = $("#file-name", form);
    var button = $("#upload-button", form), busy = $("#busy");
    input.addEventListener("change", function () {
      name.textContent = input.files.length ? input.files[0].name : "";
    });
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      try { input.files = e.dataTransfer.files; } catch (err) { return; }
      name.textContent = input.files[0].name;
      send();
    });
    form.addEventListener("submit", function (e) {
      if (!window.fetch || !window.FormData || !window.DOMParser) return; // the plain form post
      e.preventDefault();
      send();
    });
    function send() {
      if (!input.files.length) return;
      // A file over the limit is not sent at all: the server would answer 413, but a browser cut
      // off half way through a large upload may show only a network error.
      var max = parseInt(form.getAttribute("data-max-bytes"), 10);
      if (max && input.files[0].size > max) {
        busy.textContent = form.getAttribute("data-too-large");
        busy.hidden = false;
        return;
      }
      button.disabled = true;
      busy.hidden = false;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (res) { return res.text(); })
        .then(function (html) {
          // The server answers with the whole page, the verdict on top: swap it in.
          var doc = new DOMParser().parseFromString(html, "text/html");
          var main = doc.getElementById("main");
          if (main) {
            $("#main").replaceWith(document.importNode(main, true));
            document.title = doc.title;
            setupUpload();
            var v = $("#verdict .verdict") || $("#main .alert") || $("#main h1");
            if (v) { v.classList.add("flash"); v.scrollIntoView({ behavior: "smooth", block: "start" }); }
          }
        })
        .catch(function () {
          busy.textContent = busy.getAttribute("data-network-error");
          button.disabled = false;
        });
    }
  }

  // --- the coordinator's board -------------------------------------------------------------
  var charts = {};
  function setupCharts() {
    if (!window.echarts) return;
    var els = document.querySelectorAll(".chart[data-src]");
    if (!els.length) return;
    fetch(els[0].getAttribute("data-src"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        els.forEach(function (el) {
          var chart = charts[el.id] || (charts[el.id] = echarts.init(el));
          chart.setOption(el.getAttribute("data-kind") === "states" ? statesChart(data) : sectionsChart(data, el.getAttribute("data-axis")), true);
        });
      })
      .catch(function () {});
  }
  // Colours come with the data (s.colour): the report's palette, green done or on schedule, amber
  // behind, red to correct, grey not reported.
  function sectionsChart(d, axis) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
      xAxis: { type: "value", name: axis, nameLocation: "middle", nameGap: 26, minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: d.sections, axisLabel: { width: 220, overflow: "truncate" } },
      series: d.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", data: s.data, barMaxWidth: 22, itemStyle: { color: s.colour } };
      })
    };
  }
  function statesChart(d) {
    return {
      tooltip: { trigger: "item" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["40%", "68%"], center: ["50%", "45%"], label: { formatter: "{b}\n{c}" },
        data: d.states.map(function (s) { return { name: s.name, value: s.data[0], itemStyle: { color: s.colour } }; }) }]
    };
  }

  function setupLive() {
    var live = $("#live"), board = $("#board");
    if (!live || !board || !window.EventSource) return;
    var es = new EventSource(live.getAttribute("data-events"));
    es.addEventListener("change", function () {
      fetch(board.getAttribute("data-part"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (res) { if (!res.ok) throw new Error(res.status); return res.text(); })
        .then(function (html) {
          var before = rowsOf(board);
          board.innerHTML = html;
          var after = rowsOf(board);
          Object.keys(after).forEach(function (a) {
            if (before[a] !== after[a]) {
              var tr = board.querySelector('tr[data-agency="' + CSS.escape(a) + '"]');
              if (tr) tr.classList.add("flash");
            }
          });
          setupCharts();
        })
        .catch(function () {});
    });
    es.onerror = function () { live.classList.add("stale"); };
    es.onopen = function () { live.classList.remove("stale"); };
  }
  function rowsOf(root) {
    var out = {};
    root.querySelectorAll("tr[data-agency]").forEach(function (tr) {
      out[tr.getAttribute("data-agency")] = tr.getAttribute("data-state") + "/" + tr.getAttribute("data-version");
    });
    return out;
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupUpload();
    setupCharts();
    setupLive();
    window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  });
})();
