// After-sales service figures in Cockpit (Community Edition plugin API, an ES module listed in config.js).
// Reads GET /api/reports/sla with the manager's Cockpit login; renders figures, a chart by day or week,
// open cases by stage and age, and the late cases with links to their process instances.

const HOURS = 60;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function hours(minutes) {
  return minutes == null ? '-' : (minutes / HOURS).toFixed(1) + ' h';
}

function percent(share) {
  return share == null ? '-' : Math.round(share * 100) + ' %';
}

function table(headers, rows) {
  return el('table', { class: 'table table-condensed cam-table' },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {}, c))))));
}

function chart(series) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = Math.max(320, series.length * 34 + 40);
  const height = 140;
  const max = Math.max(1, ...series.map(p => Math.max(p.opened, p.closed)));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height + 30);
  svg.setAttribute('class', 'aftersales-chart');
  series.forEach((p, i) => {
    [['opened', '#1f77b4', 0], ['closed', '#2ca02c', 13]].forEach(([key, colour, dx]) => {
      const h = Math.round(p[key] / max * height);
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', 30 + i * 34 + dx);
      bar.setAttribute('y', height - h);
      bar.setAttribute('width', 12);
      bar.setAttribute('height', h);
      bar.setAttribute('fill', colour);
      const title = document.createElementNS(ns, 'title');
      title.textContent = p.period + ': ' + p[key] + ' ' + key;
      bar.append(title);
      svg.append(bar);
    });
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 30 + i * 34);
    label.setAttribute('y', height + 14);
    label.setAttribute('font-size', '9');
    label.textContent = p.period.substring(5);
    svg.append(label);
  });
  return svg;
}

async function load(node, processKey) {
  const days = node.querySelector('[name=days]').value;
  const interval = node.querySelector('[name=interval]').value;
  const to = new Date();
  const from = new Date(to.getTime() - days * 24 * 3600 * 1000);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), interval });
  if (processKey) {
    query.set('process', processKey);
  }
  const out = node.querySelector('.aftersales-sla-body');
  out.replaceChildren(el('p', {}, 'Loading…'));
  const response = await fetch('/api/reports/sla?' + query, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    out.replaceChildren(el('p', { class: 'text-danger' }, 'Service figures are not available to you (' + response.status + ').'));
    return;
  }
  const report = await response.json();
  const f = report.figures;
  const grades = Object.entries(f.grades || {}).map(([g, n]) => g.toLowerCase() + ' ' + n).join(', ') || '-';
  out.replaceChildren(
    el('div', { class: 'aftersales-figures' }, table(['Figure', 'Value'], [
      ['Cases opened', f.cases], ['Closed', f.closed],
      ['First response p50 / p90', hours(f.firstResponseP50Minutes) + ' / ' + hours(f.firstResponseP90Minutes)],
      ['First response on time', percent(f.firstResponseAttainment)],
      ['Resolution p50 / p90 (without customer waiting)', hours(f.resolutionP50Minutes) + ' / ' + hours(f.resolutionP90Minutes)],
      ['Resolved on time', percent(f.resolutionAttainment)],
      ['Average response score', f.averageResponseScore == null ? '-' : f.averageResponseScore],
      ['Grades', grades],
      ['Second-complaint rate', report.complaints ? percent(report.secondComplaintRate) + ' of ' + report.complaints : '-']])),
    el('h4', {}, 'Opened (blue) and closed (green) by ' + interval.toLowerCase()),
    chart(report.series),
    el('h4', {}, 'Open cases by stage'),
    table(['Stage', 'Open', 'Oldest', 'Average age'],
      report.openByStage.map(s => [s.stage, s.open, s.oldestHours + ' h', s.averageAgeHours.toFixed(1) + ' h'])),
    el('h4', {}, 'Late cases'),
    report.late.length === 0 ? el('p', { class: 'aftersales-no-late' }, 'No open case is past its limits.')
      : table(['Case', 'Type', 'Stage', 'Opened', 'First response'], report.late.map(c => [
        c.processInstanceId ? el('a', { href: '#/process-instance/' + encodeURIComponent(c.processInstanceId) + '/runtime',
          class: 'aftersales-late-case' }, c.caseId) : c.caseId,
        c.type, c.stage, new Date(c.openedAt).toLocaleString(), hours(c.firstResponseMinutes)])));
}

function view(processKey) {
  return (node) => {
    const controls = el('form', { class: 'form-inline' },
      el('label', {}, 'Period '), el('select', { name: 'days', class: 'form-control input-sm' },
        el('option', { value: '7' }, 'last 7 days'), el('option', { value: '30', selected: 'selected' }, 'last 30 days'),
        el('option', { value: '90' }, 'last 90 days')),
      el('label', {}, ' by '), el('select', { name: 'interval', class: 'form-control input-sm' },
        el('option', { value: 'DAY' }, 'day'), el('option', { value: 'WEEK' }, 'week')));
    const root = el('section', { class: 'aftersales-sla' }, el('h3', {}, 'After-sales service figures'), controls,
      el('div', { class: 'aftersales-sla-body' }));
    node.replaceChildren(root);
    controls.addEventListener('change', () => load(root, processKey));
    load(root, processKey);
  };
}

export default [
  {
    id: 'aftersales.sla.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 5,
    render: (node) => view(null)(node)
  },
  {
    id: 'aftersales.sla.process-definition',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    label: 'Service figures',
    render: (node, { api, processDefinitionId }) => {
      fetch(api.engineApi + '/process-definition/' + encodeURIComponent(processDefinitionId), {
        credentials: 'same-origin', headers: { Accept: 'application/json' }
      }).then(r => r.json()).then(definition => view(definition.key)(node));
    }
  }
];
