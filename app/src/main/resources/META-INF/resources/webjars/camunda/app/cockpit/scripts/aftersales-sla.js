// After-sales service figures in Cockpit (Community Edition plugin API, an ES module listed in config.js).
// Reads GET /api/reports/sla with the manager's Cockpit login; renders figures, charts and a table by day or
// week (volume, response score, satisfaction, refunds and costs), satisfaction by dimension, cost by product
// category, open cases by stage and age, and the late and nearly late cases with links to their process instances.

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

// bars per period: one per [key, colour] of `bars`, scaled to `max` (the largest value if not given)
function chart(series, bars, max, name) {
  const ns = 'http://www.w3.org/2000/svg';
  const step = bars.length * 13 + 8;
  const width = Math.max(320, series.length * step + 40);
  const height = 140;
  const top = max || Math.max(1, ...series.flatMap(p => bars.map(([key]) => p[key] || 0)));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height + 30);
  svg.setAttribute('class', 'aftersales-chart ' + name);
  series.forEach((p, i) => {
    bars.forEach(([key, colour], b) => {
      const value = p[key] || 0;
      const h = Math.round(value / top * height);
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', 30 + i * step + b * 13);
      bar.setAttribute('y', height - h);
      bar.setAttribute('width', 12);
      bar.setAttribute('height', h);
      bar.setAttribute('fill', colour);
      const title = document.createElementNS(ns, 'title');
      title.textContent = p.period + ': ' + key + ' ' + (p[key] == null ? '-' : p[key]);
      bar.append(title);
      svg.append(bar);
    });
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 30 + i * step);
    label.setAttribute('y', height + 14);
    label.setAttribute('font-size', '9');
    label.textContent = p.period.substring(5);
    svg.append(label);
  });
  return svg;
}

function money(amounts) {
  const entries = Object.entries(amounts || {});
  return entries.length === 0 ? '-' : entries.map(([currency, amount]) => Number(amount).toFixed(2) + ' ' + currency).join(', ');
}

function caseLink(c, cls) {
  return c.processInstanceId ? el('a', { href: '#/process-instance/' + encodeURIComponent(c.processInstanceId) + '/runtime',
    class: cls }, c.caseId) : c.caseId;
}

function caseTable(cases, cls) {
  return table(['Case', 'Type', 'Stage', 'Opened', 'Open for (working)', 'First response'], cases.map(c => [
    caseLink(c, cls), c.type, c.stage, new Date(c.openedAt).toLocaleString(), hours(c.openMinutes),
    hours(c.firstResponseMinutes)]));
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
  const sat = report.satisfaction;
  const dimensions = Object.entries(sat.averageByDimension || {});
  out.replaceChildren(
    el('div', { class: 'aftersales-figures' }, table(['Figure', 'Value'], [
      ['Cases opened', f.cases], ['Closed', f.closed],
      ['First response p50 / p90', hours(f.firstResponseP50Minutes) + ' / ' + hours(f.firstResponseP90Minutes)],
      ['First response on time', percent(f.firstResponseAttainment)],
      ['Resolution p50 / p90 (without customer waiting)', hours(f.resolutionP50Minutes) + ' / ' + hours(f.resolutionP90Minutes)],
      ['Resolved on time', percent(f.resolutionAttainment)],
      ['Average response score', f.averageResponseScore == null ? '-' : f.averageResponseScore],
      ['Grades', grades],
      ['Satisfaction', sat.surveys ? sat.averageOverall + ' over ' + sat.surveys + ' surveys, ' + sat.recoveries
        + ' needing recovery' : 'no survey answered'],
      ['Second-complaint rate', report.complaints ? percent(report.secondComplaintRate) + ' of ' + report.complaints : '-'],
      ['Near their limits / late', report.nearLimit.length + ' / ' + report.late.length]])),
    el('h4', {}, 'Opened (blue) and closed (green) by ' + interval.toLowerCase()),
    chart(report.series, [['opened', '#1f77b4'], ['closed', '#2ca02c']], null, 'aftersales-chart-volume'),
    el('h4', {}, 'Average response score (orange) and satisfaction (purple) by ' + interval.toLowerCase()),
    chart(report.series, [['averageResponseScore', '#ff7f0e'], ['averageSatisfaction', '#9467bd']], 100,
      'aftersales-chart-scores'),
    table(['Period', 'Opened', 'Closed', 'Response score', 'First response on time', 'Satisfaction', 'Refunded',
      'Cost borne by us'], report.series.map(p => [p.period, p.opened, p.closed,
      p.averageResponseScore == null ? '-' : p.averageResponseScore, percent(p.firstResponseAttainment),
      p.averageSatisfaction == null ? '-' : p.averageSatisfaction, money(p.refunded), money(p.costBorneByUs)])),
    el('h4', {}, 'Satisfaction by dimension'),
    sat.surveys ? table(['Dimension', 'Average'], dimensions.map(([d, v]) => [d, v == null ? '-' : v]))
      : el('p', {}, 'No survey answered for these cases.'),
    el('h4', {}, 'Refund and repair cost by product category'),
    table(['Category', 'Cases', 'Refunded', 'Borne by us', 'Of which', 'Charged to customers'],
      report.costs.map(c => [c.productCategory, c.cases, money({ [c.currency]: c.refunded }),
        money({ [c.currency]: c.borneByUs }),
        Object.entries(c.borneByUsByKind).map(([k, v]) => k.toLowerCase() + ' ' + Number(v).toFixed(2)).join(', ') || '-',
        money({ [c.currency]: c.chargedToCustomers })])),
    el('h4', {}, 'Open cases by stage'),
    table(['Stage', 'Open', 'Oldest', 'Average age'],
      report.openByStage.map(s => [s.stage, s.open, s.oldestHours + ' h', s.averageAgeHours.toFixed(1) + ' h'])),
    el('h4', {}, 'Late cases'),
    report.late.length === 0 ? el('p', { class: 'aftersales-no-late' }, 'No open case is past its limits.')
      : caseTable(report.late, 'aftersales-late-case'),
    el('h4', {}, 'Near their limits'),
    report.nearLimit.length === 0 ? el('p', {}, 'No open case is near its limits.')
      : caseTable(report.nearLimit, 'aftersales-near-case'));
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
