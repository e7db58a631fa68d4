// Draws the state the server pushes over server-sent events (one "snapshot" event per change).
'use strict';

const COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#f4a261', '#6a4c93', '#457b9d', '#8ab17d', '#e76f51'];
const MAX_VERSIONS = 6;
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;

function chart(id, type, options) {
  return new Chart(document.getElementById(id), { type: type, data: { labels: [], datasets: [] }, options: options || {} });
}

const charts = {
  eval: chart('eval-chart', 'bar', { scales: { y: { beginAtZero: true, title: { display: true, text: 'score' } } } }),
  loss: chart('loss-chart', 'scatter', { showLine: true, scales: { x: { title: { display: true, text: 'step' } } } }),
  tps: chart('tps-chart', 'scatter', { showLine: true, scales: { x: { title: { display: true, text: 'step' } } } }),
  filter: chart('filter-chart', 'bar', { scales: { y: { beginAtZero: true } } }),
  shards: chart('shards-chart', 'bar', { scales: { y: { beginAtZero: true } } })
};

function byRun(points, field) {
  const runs = new Map();
  points.forEach(p => {
    if (!runs.has(p.runId)) runs.set(p.runId, []);
    runs.get(p.runId).push({ x: p.step, y: p[field] });
  });
  return Array.from(runs.entries()).map(([run, data], i) => ({
    label: run, data: data, borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length],
    pointRadius: 0, borderWidth: 1.5
  }));
}

function drawEval(evalMetrics) {
  const scores = evalMetrics.filter(m => m.suite === 'heldout' && m.task === 'all' && m.metric === 'score');
  const categories = Array.from(new Set(scores.map(m => m.category)));
  const versions = Array.from(new Set(scores.map(m => m.adapterVersion))).sort((a, b) => a - b).slice(-MAX_VERSIONS);
  const at = (version, category) => scores.find(m => m.adapterVersion === version && m.category === category);
  // the base model's score of a category, as its newest evaluation reports it
  const baseline = c => {
    const ofCategory = scores.filter(m => m.category === c);
    return ofCategory.reduce((a, b) => (b.adapterVersion > a.adapterVersion ? b : a)).baseline;
  };
  const datasets = [{ label: 'base', backgroundColor: '#adb5bd', data: categories.map(baseline) }];
  versions.forEach((v, i) => datasets.push({
    label: 'v' + v, backgroundColor: COLORS[i % COLORS.length],
    data: categories.map(c => { const m = at(v, c); return m ? m.value : null; })
  }));
  charts.eval.data.labels = categories;
  charts.eval.data.datasets = datasets;
  charts.eval.update();
}

function drawCounts(target, labels, datasets) {
  target.data.labels = labels;
  target.data.datasets = datasets;
  target.update();
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
}

function drawTable(evalMetrics) {
  const body = document.querySelector('#eval-table tbody');
  body.replaceChildren();
  if (evalMetrics.length === 0) return;
  const newest = Math.max(...evalMetrics.map(m => m.adapterVersion));
  evalMetrics.filter(m => m.adapterVersion === newest).forEach(m => {
    const row = document.createElement('tr');
    row.dataset.key = [m.suite, m.category, m.task, m.metric].join('/');
    cell(row, m.suite);
    cell(row, m.category);
    cell(row, m.task);
    cell(row, m.metric);
    cell(row, m.baseline.toFixed(4), 'num');
    cell(row, m.value.toFixed(4), 'num');
    cell(row, (m.gain >= 0 ? '+' : '') + (100 * m.gain).toFixed(1) + '%', 'num ' + (m.gain > 0 ? 'up' : m.gain < 0 ? 'down' : ''));
    cell(row, String(m.n), 'num');
    cell(row, 'v' + m.adapterVersion, 'num');
    body.appendChild(row);
  });
}

function render(state) {
  charts.loss.data.datasets = byRun(state.training, 'loss');
  charts.loss.update();
  charts.tps.data.datasets = byRun(state.training, 'tokensPerSecond');
  charts.tps.update();
  drawEval(state.eval);
  const accepted = Object.keys(state.accepted).map(c => 'accepted ' + c);
  const rejected = Object.keys(state.rejected).map(r => 'rejected ' + r);
  drawCounts(charts.filter, accepted.concat(rejected), [{
    label: 'instructions', data: Object.values(state.accepted).concat(Object.values(state.rejected)),
    backgroundColor: accepted.map(() => '#2a9d8f').concat(rejected.map(() => '#e63946'))
  }]);
  drawCounts(charts.shards, Object.keys(state.shardsPerCategory), [
    { label: 'shards', data: Object.values(state.shardsPerCategory), backgroundColor: '#457b9d' }
  ]);
  drawTable(state.eval);
  document.getElementById('status').textContent = 'live · ' + state.training.length + ' training points · '
    + state.eval.length + ' eval figures · updated ' + new Date().toLocaleTimeString();
}

const events = new EventSource('events');
events.addEventListener('snapshot', e => render(JSON.parse(e.data)));
events.onerror = () => { document.getElementById('status').textContent = 'disconnected, retrying…'; };
