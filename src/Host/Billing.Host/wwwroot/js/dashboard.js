// Draws every <canvas data-chart='{"labels": [...], "counts": [...]}'> as a bar chart (chart.js, served from wwwroot/lib).
(function () {
  'use strict';
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    var datasets = data.datasets || [{ label: canvas.getAttribute('aria-label') || 'count', data: data.counts || [] }];
    new window.Chart(canvas, {
      type: 'bar',
      data: { labels: data.labels || [], datasets: datasets },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  });
}());
