// After-sales service figures in Cockpit (Community Edition plugin API, an ES module listed in config.js).
//
// Reads, with the user's Cockpit login (GET only):
// - GET /api/reports/access: what the user may read and change. Users who may not read the figures get no
//   dashboard box and no tab; users who may not retry, edit variables, cancel or suspend get those controls of
//   Cockpit hidden (CSS below), since the engine would refuse them anyway.
// - GET /api/reports/sla: the figures, filtered by period, case type, product category, seller and group. The
//   cases past or near a target come first (which target, how much over or left, who holds the task), then the
//   figures, charts (SVG drawn here: axes, values, units), totals by type, category, seller and group, the sellers
//   ranked, cost and satisfaction; CSV exports of cases and sellers.
// - GET /api/reports/incidents: the open incidents with their case.
// Times are shown in the business zone the report names; texts in Chinese when the browser's first language is
// Chinese (as Cockpit chooses its own language), English otherwise. Every failure ends in a message with a retry.

const TEXTS = {
  en: {
    title: 'After-sales service figures', tab: 'Service figures', period: 'Period', last: n => 'last ' + n + ' days',
    by: 'by', day: 'day', week: 'week', type: 'Case type', category: 'Product category', seller: 'Seller',
    group: 'Working group', all: 'all', exportCases: 'Export cases (CSV)', exportSellers: 'Export sellers (CSV)',
    loading: 'Loading…', retry: 'Try again',
    network: 'The server could not be reached. Check the connection, then try again.',
    server: s => 'The server could not compute the figures (' + s + '). Try again; if it happens again, tell IT.',
    denied: 'Your login may not read the service figures.', expired: 'Your login has expired: log in again.',
    bad: 'The server refused the filter: ',
    attention: 'Cases past or near a target', noAttention: 'No open case is past or near a target.',
    caseCol: 'Case', target: 'Target', state: 'Over / left', heldBy: 'Held by', opened: 'Opened',
    FIRST_RESPONSE: 'first response', RESOLUTION: 'resolution', over: d => d + ' over', left: d => d + ' left',
    late: 'late', near: 'near', unclaimed: 'not claimed; offered to ', nobody: 'no open task',
    figures: 'Figures', figure: 'Figure', value: 'Value', casesOpened: 'Cases opened', closed: 'Closed',
    fr: 'First response p50 / p90', frOnTime: 'First response on time', res: 'Resolution p50 / p90 (without customer waiting)',
    resOnTime: 'Resolved on time', score: 'Average response score (of 100)', grades: 'Grades',
    asItStands: 'Late cases without an answer count as they stand now.',
    satisfaction: 'Satisfaction (of 100)', surveys: n => ' over ' + n + ' surveys', recoveries: n => ', ' + n + ' needing recovery',
    noSurvey: 'no survey answered', secondRate: 'Second-complaint rate', of: ' of ', nearLate: 'Near their limits / late',
    volume: 'Cases opened and closed', cases: 'cases', scoreChart: 'Average response score and first response on time',
    points: 'points', percentUnit: '%', openedLegend: 'opened', closedLegend: 'closed', scoreLegend: 'score',
    onTimeLegend: 'first response on time (%)',
    periodCol: 'Period', refunded: 'Refunded', borne: 'Cost borne by us',
    totals: 'Totals', byType: 'By case type', byCategory: 'By product category', bySeller: 'By seller', byGroup: 'By working group',
    open: 'Open', lateCol: 'Late', nearCol: 'Near', resP50: 'Resolution p50', frP50: 'First response p50',
    sellers: 'Seller quality, worst first', rank: 'Rank', complaints: 'Complaints', complaintRate: 'Complaint rate',
    secondComplaintRate: 'Second-complaint rate', upheld: 'Upheld', penalties: 'Penalties (points, fines)',
    refundRate: 'Refund rate', disputeRate: 'Dispute rate', sellerNote: 'Complaint rate: complaints among the seller\'s '
      + 'cases; refund rate: cases with money back; dispute rate: its other cases a customer complained about.',
    noSellers: 'No case names a seller.',
    incidents: 'Open incidents', noIncidents: 'No open incident.', incidentType: 'Type', failure: 'What failed',
    since: 'Since', mayRetry: 'May retry', flow: 'Flow', nobodyRetries: 'administrators only',
    dimensions: 'Satisfaction by dimension', dimension: 'Dimension', average: 'Average',
    costs: 'Refund and repair cost by product category', costCases: 'Cases', ofWhich: 'Of which',
    charged: 'Charged to customers', stages: 'Open cases by stage', stage: 'Stage', oldest: 'Oldest', avgAge: 'Average age',
    zone: z => z === 'Asia/Shanghai' ? 'China time' : z, min: 'min', h: 'h'
  },
  zh: {
    title: '售后服务指标', tab: '服务指标', period: '期间', last: n => '最近 ' + n + ' 天',
    by: '按', day: '日', week: '周', type: '工单类型', category: '商品类目', seller: '商家',
    group: '处理组', all: '全部', exportCases: '导出工单 (CSV)', exportSellers: '导出商家 (CSV)',
    loading: '加载中…', retry: '重试',
    network: '无法连接服务器。请检查网络后重试。',
    server: s => '服务器无法计算指标（' + s + '）。请重试；如仍出错，请联系 IT。',
    denied: '您的账号无权查看服务指标。', expired: '登录已过期，请重新登录。',
    bad: '服务器拒绝了筛选条件：',
    attention: '已超时或即将超时的工单', noAttention: '没有已超时或即将超时的未结工单。',
    caseCol: '工单', target: '时限', state: '超时 / 剩余', heldBy: '处理人', opened: '创建时间',
    FIRST_RESPONSE: '首次响应', RESOLUTION: '解决', over: d => '超时 ' + d, left: d => '剩余 ' + d,
    late: '已超时', near: '即将超时', unclaimed: '未认领；待处理组：', nobody: '无待办任务',
    figures: '指标', figure: '指标', value: '数值', casesOpened: '新建工单', closed: '已结案',
    fr: '首次响应 p50 / p90', frOnTime: '首次响应及时率', res: '解决时长 p50 / p90（不含等待客户）',
    resOnTime: '按时解决率', score: '平均响应得分（满分 100）', grades: '等级',
    asItStands: '超时未响应的工单按当前状态计入。',
    satisfaction: '满意度（满分 100）', surveys: n => '，共 ' + n + ' 份问卷', recoveries: n => '，' + n + ' 份需补救',
    noSurvey: '暂无问卷', secondRate: '二次投诉率', of: ' / ', nearLate: '即将超时 / 已超时',
    volume: '新建与结案工单数', cases: '件', scoreChart: '平均响应得分与首次响应及时率',
    points: '分', percentUnit: '%', openedLegend: '新建', closedLegend: '结案', scoreLegend: '得分',
    onTimeLegend: '首次响应及时率 (%)',
    periodCol: '期间', refunded: '已退款', borne: '我方承担成本',
    totals: '汇总', byType: '按工单类型', byCategory: '按商品类目', bySeller: '按商家', byGroup: '按处理组',
    open: '未结', lateCol: '超时', nearCol: '即将超时', resP50: '解决时长 p50', frP50: '首次响应 p50',
    sellers: '商家服务质量（最差在前）', rank: '排名', complaints: '投诉数', complaintRate: '投诉率',
    secondComplaintRate: '二次投诉率', upheld: '投诉成立', penalties: '处罚（扣分、罚款）',
    refundRate: '退款率', disputeRate: '纠纷率', sellerNote: '投诉率：商家工单中投诉所占比例；退款率：有退款的工单比例；'
      + '纠纷率：被客户投诉到平台的其他工单比例。',
    noSellers: '没有工单注明商家。',
    incidents: '未处理的异常', noIncidents: '没有未处理的异常。', incidentType: '类型', failure: '失败原因',
    since: '发生时间', mayRetry: '可重试的组', flow: '流程', nobodyRetries: '仅管理员',
    dimensions: '各维度满意度', dimension: '维度', average: '平均',
    costs: '按商品类目的退款与维修成本', costCases: '工单数', ofWhich: '其中', charged: '向客户收取',
    stages: '按阶段的未结工单', stage: '阶段', oldest: '最久', avgAge: '平均时长',
    zone: z => z === 'Asia/Shanghai' ? '北京时间' : z, min: '分钟', h: '小时'
  }
};

const CASE_TYPES = ['RETURN', 'REFUND_ONLY', 'EXCHANGE', 'RESHIP', 'REPAIR', 'COMPLAINT'];
const GROUPS = ['agents', 'inspectors', 'technicians', 'complaint-handlers', 'supervisors', 'finance'];
const SVG = 'http://www.w3.org/2000/svg';

function language() {
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return first.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function t(key, ...args) {
  const text = TEXTS[language()][key];
  return typeof text === 'function' ? text(...args) : text;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => v != null && node.setAttribute(k, v));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

/** Working minutes in hours and minutes: "45 min", "3 h 05 min", "50 h 00 min". */
function duration(minutes) {
  if (minutes == null) {
    return '-';
  }
  const m = Math.abs(Math.round(minutes));
  const hours = Math.floor(m / 60);
  const rest = String(m % 60);
  return hours === 0 ? rest + ' ' + t('min') : hours + ' ' + t('h') + ' ' + rest.padStart(2, '0') + ' ' + t('min');
}

function percent(share) {
  return share == null ? '-' : Math.round(share * 100) + ' %';
}

function number(value) {
  return value == null ? '-' : Number(value).toFixed(1);
}

function money(amounts) {
  const entries = Object.entries(amounts || {});
  return entries.length === 0 ? '-' : entries.map(([currency, amount]) => Number(amount).toFixed(2) + ' ' + currency).join(', ');
}

/** A time for people, in the business zone: "2026-12-05 13:05 (China time)". */
function when(iso, zone) {
  if (!iso) {
    return '-';
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map(x => [x.type, x.value]));
  return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ' (' + t('zone', zone) + ')';
}

function table(headers, rows, cls) {
  return el('table', { class: 'table table-condensed cam-table ' + (cls || '') },
    el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(r => Array.isArray(r) ? el('tr', {}, r.map(c => el('td', {}, c))) : r)));
}

/**
 * Grouped bars per period with a y axis (ticks, unit), x labels and the value over each bar; `series` of
 * [key, colour, legend, scale] (scale turns the value into what is drawn, e.g. a share into percent).
 */
function chart(points, series, unit, max, cls) {
  const left = 44;
  const top = 16;
  const height = 150;
  const barWidth = 16;
  const step = series.length * (barWidth + 2) + 14;
  const width = Math.max(360, left + points.length * step + 20);
  const value = (p, [key, , , scale]) => (p[key] == null ? null : p[key] * (scale || 1));
  const highest = max || Math.max(1, ...points.flatMap(p => series.map(s => value(p, s) || 0)));
  const y = v => top + height - Math.round(v / highest * height);
  const node = svg('svg', { width, height: top + height + 54, class: 'aftersales-chart ' + cls, role: 'img' });
  for (let i = 0; i <= 4; i++) {
    const v = highest * i / 4;
    node.append(svg('line', { x1: left, x2: width - 10, y1: y(v), y2: y(v), stroke: '#ddd' }));
    node.append(svg('text', { x: left - 4, y: y(v) + 3, 'font-size': 9, 'text-anchor': 'end' },
      Number.isInteger(v) ? v : v.toFixed(1)));
  }
  node.append(svg('line', { x1: left, x2: left, y1: top, y2: top + height, stroke: '#333' }));
  node.append(svg('line', { x1: left, x2: width - 10, y1: top + height, y2: top + height, stroke: '#333' }));
  node.append(svg('text', { x: 2, y: 10, 'font-size': 10, class: 'aftersales-unit' }, unit));
  points.forEach((p, i) => {
    series.forEach((s, b) => {
      const v = value(p, s);
      const x = left + 8 + i * step + b * (barWidth + 2);
      if (v != null) {
        const bar = svg('rect', { x, y: y(v), width: barWidth, height: top + height - y(v), fill: s[1] });
        bar.append(svg('title', {}, p.period + ' ' + s[2] + ': ' + Math.round(v * 10) / 10 + ' ' + unit));
        node.append(bar);
        node.append(svg('text', { x: x + barWidth / 2, y: y(v) - 2, 'font-size': 9, 'text-anchor': 'middle',
          class: 'aftersales-bar-value' }, Math.round(v * 10) / 10));
      }
    });
    node.append(svg('text', { x: left + 8 + i * step, y: top + height + 12, 'font-size': 9 }, p.period.substring(5)));
  });
  series.forEach((s, i) => {
    node.append(svg('rect', { x: left + i * 150, y: top + height + 24, width: 10, height: 10, fill: s[1] }));
    node.append(svg('text', { x: left + 14 + i * 150, y: top + height + 33, 'font-size': 10 }, s[2]));
  });
  return node;
}

function caseLink(c) {
  return c.processInstanceId ? el('a', { href: '#/process-instance/' + encodeURIComponent(c.processInstanceId) + '/runtime',
    class: 'aftersales-case' }, c.caseId) : c.caseId;
}

function holders(list) {
  if (!list || list.length === 0) {
    return t('nobody');
  }
  return list.map(h => (h.assignee ? h.assignee : t('unclaimed') + h.groups.join(', ')) + ' · ' + h.task).join('; ');
}

function attentionRow(a, late, zone) {
  const row = el('tr', { class: late ? 'aftersales-late danger' : 'aftersales-near warning', 'data-case': a.caseId },
    el('td', {}, caseLink(a)), el('td', {}, a.type), el('td', {}, a.sellerId || '-'),
    el('td', { class: 'aftersales-target' }, t(a.target)),
    el('td', { class: 'aftersales-over', 'data-minutes': a.overMinutes },
      late ? t('over', duration(a.overMinutes)) : t('left', duration(-a.overMinutes))),
    el('td', { class: 'aftersales-held-by' }, holders(a.heldBy)), el('td', {}, when(a.openedAt, zone)));
  return row;
}

function totalsTable(title, rows, cls) {
  return [el('h5', {}, title), table([t('value'), t('cases').replace(/^./, c => c.toUpperCase()), t('open'),
    t('lateCol'), t('nearCol'), t('frOnTime'), t('resOnTime'), t('score'), t('frP50'), t('resP50')],
  rows.map(r => el('tr', { 'data-key': r.key }, [r.key, r.cases, r.open, r.late, r.near, percent(r.firstResponseAttainment),
    percent(r.resolutionAttainment), number(r.averageResponseScore), duration(r.firstResponseP50Minutes),
    duration(r.resolutionP50Minutes)].map(c => el('td', {}, c)))), 'aftersales-totals ' + cls)];
}

function sellerTable(sellers) {
  if (sellers.length === 0) {
    return el('p', {}, t('noSellers'));
  }
  return table([t('rank'), t('seller'), t('cases'), t('complaints'), t('complaintRate'), t('secondComplaintRate'),
    t('upheld'), t('penalties'), t('refundRate'), t('disputeRate'), t('frP50'), t('frOnTime'), t('resP50'),
    t('resOnTime'), t('score')],
  sellers.map(s => el('tr', { 'data-seller': s.sellerId }, [s.rank, s.sellerId, s.cases, s.complaints,
    percent(s.complaintRate), percent(s.secondComplaintRate), s.upheldComplaints,
    s.penalties + ' (' + s.penaltyPoints + (Object.keys(s.fines).length ? '; ' + money(s.fines) : '') + ')',
    percent(s.refundRate), percent(s.disputeRate), duration(s.firstResponseP50Minutes), percent(s.firstResponseOnTime),
    duration(s.resolutionP50Minutes), percent(s.resolvedOnTime), number(s.averageResponseScore)]
    .map(c => el('td', {}, c)))), 'aftersales-sellers');
}

function incidentTable(incidents, zone) {
  if (incidents.length === 0) {
    return el('p', { class: 'aftersales-no-incidents' }, t('noIncidents'));
  }
  return table([t('caseCol'), t('flow'), t('incidentType'), t('failure'), t('since'), t('mayRetry')],
    incidents.map(i => el('tr', { 'data-incident': i.incidentId }, [
      i.caseId ? caseLink(i) : '-', (i.processDefinitionKey || '-') + (i.activityId ? ' · ' + i.activityId : ''),
      i.incidentType, el('span', { class: 'aftersales-failure', style: 'white-space: pre-wrap' },
        i.message + (i.cause && i.cause !== i.message ? '\n' + i.cause : '')),
      when(i.since, zone), i.mayRetry.length ? i.mayRetry.join(', ') : t('nobodyRetries')].map(c => el('td', {}, c)))),
    'aftersales-incidents');
}

/** A failure the user can read: kind network, denied, expired, bad (400) or server. */
class Failure extends Error {
  constructor(kind, detail) {
    super(kind);
    this.kind = kind;
    this.detail = detail;
  }
}

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Failure('network');
  }
  if (response.ok) {
    try {
      return await response.json();
    } catch (e) {
      throw new Failure('server', 'unreadable answer');
    }
  }
  let detail = '';
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || '';
  } catch (e) {
    // not a problem document
  }
  if (response.status === 401) {
    throw new Failure('expired');
  }
  if (response.status === 403) {
    throw new Failure('denied');
  }
  if (response.status === 400 || response.status === 422) {
    throw new Failure('bad', detail);
  }
  throw new Failure('server', response.status + (detail ? ': ' + detail : ''));
}

function failureBox(error, retry) {
  const text = error.kind === 'network' ? t('network') : error.kind === 'denied' ? t('denied')
    : error.kind === 'expired' ? t('expired') : error.kind === 'bad' ? t('bad') + error.detail
      : t('server', error.detail || String(error.message || error));
  const button = el('button', { type: 'button', class: 'btn btn-default btn-sm aftersales-retry' }, t('retry'));
  button.addEventListener('click', retry);
  return el('div', { class: 'alert alert-' + (error.kind === 'network' || error.kind === 'server' ? 'danger' : 'warning')
    + ' aftersales-error', 'data-kind': error.kind || 'server' }, el('p', {}, text), button);
}

// ---- what the user may do: hide the plugin and the write controls the engine would refuse

const WRITE_CONTROLS = {
  retry: '[ng-click^="openJobRetryDialog"], [ng-click^="openExternalTaskRetryDialog"], [ng-click^="retryFailedJobs"]',
  editVariables: '[ng-click="enableEditMode(info, true)"], [ng-click="deleteVariable(v)"], [ng-click^="uploadVariable"]',
  suspend: '[ng-click^="openSuspensionStateDialog"], .btn-suspend-action'
};
// toolbar buttons (add variable, cancel, suspend or activate, retry in bulk) and job priorities carry no mark of
// their own: hidden for users who may change nothing at all
const ANY_WRITE = 'a.btn-toolbar[ng-click="openDialog()"], [ng-click^="openDialog(jobDefinition"], '
  + 'a.action-button[ng-click="openDialog()"], [ng-click^="deleteDeployment"]';

let rights = null;
let rightsAsked = null;

function askRights() {
  rightsAsked = getJson('/api/reports/access').then(r => {
    rights = r;
    applyRights();
    return r;
  });
  return rightsAsked;
}

function applyRights() {
  let style = document.getElementById('aftersales-rights');
  if (!style) {
    style = el('style', { id: 'aftersales-rights' });
    document.head.append(style);
  }
  if (!rights) {
    style.textContent = '';
    return;
  }
  const hidden = Object.entries(WRITE_CONTROLS).filter(([right]) => !rights[right]).map(([, selector]) => selector);
  if (!rights.retry && !rights.editVariables && !rights.cancel && !rights.suspend) {
    hidden.push(ANY_WRITE);
  }
  style.textContent = hidden.length ? hidden.join(', ') + ' { display: none !important; }' : '';
  hideTabs();
}

/** The figures' tab is hidden from users who may not read the figures (Cockpit lists tabs before rendering them). */
function hideTabs() {
  const hide = rights && !rights.readFigures;
  const labels = [TEXTS.en.tab, TEXTS.zh.tab];
  document.querySelectorAll('.nav-tabs > li').forEach(li => {
    if (labels.includes(li.textContent.trim())) {
      li.style.display = hide ? 'none' : '';
      li.classList.toggle('aftersales-hidden-tab', Boolean(hide));
    }
  });
}

if (typeof window !== 'undefined' && !window.aftersalesRightsWatch) {
  window.aftersalesRightsWatch = true;
  // after a login or logout the route changes: ask again who is there
  window.addEventListener('hashchange', () => askRights().catch(() => null));
  new MutationObserver(() => rights && hideTabs()).observe(document.documentElement, { childList: true, subtree: true });
  askRights().catch(() => null);
}

// ---- the view

function filterQuery(root, processKey) {
  const days = root.querySelector('[name=days]').value;
  const to = new Date();
  const from = new Date(to.getTime() - days * 24 * 3600 * 1000);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(),
    interval: root.querySelector('[name=interval]').value });
  if (processKey) {
    query.set('process', processKey);
  }
  ['caseType', 'productCategory', 'sellerId', 'group'].forEach(name => {
    const value = root.querySelector('[name=' + name + ']').value;
    if (value) {
      query.set(name, value);
    }
  });
  return query;
}

/** Keeps the choices a select offers: those seen so far, and the one chosen. */
function offer(select, values) {
  const known = new Set([...select.options].map(o => o.value).filter(Boolean));
  values.filter(v => v && !known.has(v)).sort().forEach(v => select.append(el('option', { value: v }, v)));
}

async function load(root, processKey) {
  const out = root.querySelector('.aftersales-sla-body');
  const query = filterQuery(root, processKey);
  root.querySelector('.aftersales-export-cases').href = '/api/reports/sla?' + query + '&format=csv&table=cases';
  root.querySelector('.aftersales-export-sellers').href = '/api/reports/sla?' + query + '&format=csv&table=sellers';
  out.replaceChildren(el('p', { class: 'aftersales-loading' }, t('loading')));
  // only the latest request shows: an earlier one answering late does not overwrite a newer filter's figures
  const mine = (root.aftersalesLoads = (root.aftersalesLoads || 0) + 1);
  let report;
  let incidents;
  try {
    [report, incidents] = await Promise.all([getJson('/api/reports/sla?' + query), getJson('/api/reports/incidents')]);
  } catch (error) {
    if (mine === root.aftersalesLoads) {
      out.replaceChildren(failureBox(error, () => load(root, processKey)));
    }
    return;
  }
  if (mine !== root.aftersalesLoads) {
    return;
  }
  try {
    offer(root.querySelector('[name=productCategory]'), report.totals.byCategory.map(x => x.key));
    offer(root.querySelector('[name=sellerId]'), report.totals.bySeller.map(x => x.key).filter(k => !k.startsWith('(')));
    out.replaceChildren(...render(report, incidents, processKey));
  } catch (error) {
    out.replaceChildren(failureBox(new Failure('server', String(error && error.message || error)), () => load(root, processKey)));
  }
}

function render(report, incidents, processKey) {
  const zone = report.targets.zone;
  const f = report.figures;
  const sat = report.satisfaction;
  const grades = Object.entries(f.grades || {}).map(([g, n]) => g.toLowerCase() + ' ' + n).join(', ') || '-';
  const figure = (key, label, value) => el('tr', { 'data-figure': key }, el('th', {}, label), el('td', {}, value));
  const interval = report.filter.interval === 'WEEK' ? t('week') : t('day');
  return [
    el('h4', {}, t('attention')),
    report.late.length + report.nearLimit.length === 0 ? el('p', { class: 'aftersales-no-late' }, t('noAttention'))
      : table([t('caseCol'), t('type'), t('seller'), t('target'), t('state'), t('heldBy'), t('opened')],
        report.late.map(a => attentionRow(a, true, zone)).concat(report.nearLimit.map(a => attentionRow(a, false, zone))),
        'aftersales-attention'),
    el('h4', {}, t('figures')),
    el('table', { class: 'table table-condensed cam-table aftersales-figures' }, el('tbody', {},
      figure('cases', t('casesOpened'), f.cases), figure('closed', t('closed'), f.closed),
      figure('firstResponse', t('fr'), duration(f.firstResponseP50Minutes) + ' / ' + duration(f.firstResponseP90Minutes)),
      figure('firstResponseAttainment', t('frOnTime'), percent(f.firstResponseAttainment)),
      figure('resolution', t('res'), duration(f.resolutionP50Minutes) + ' / ' + duration(f.resolutionP90Minutes)),
      figure('resolutionAttainment', t('resOnTime'), percent(f.resolutionAttainment)),
      figure('averageResponseScore', t('score'), number(f.averageResponseScore)),
      figure('grades', t('grades'), grades),
      figure('satisfaction', t('satisfaction'), sat.surveys ? number(sat.averageOverall) + t('surveys', sat.surveys)
        + t('recoveries', sat.recoveries) : t('noSurvey')),
      figure('secondComplaintRate', t('secondRate'),
        report.complaints ? percent(report.secondComplaintRate) + t('of') + report.complaints : '-'),
      figure('nearLate', t('nearLate'), report.nearLimit.length + ' / ' + report.late.length))),
    el('p', { class: 'help-block' }, t('asItStands')),
    el('h4', {}, t('volume') + ' (' + t('by') + ' ' + interval + ')'),
    chart(report.series, [['opened', '#1f77b4', t('openedLegend')], ['closed', '#2ca02c', t('closedLegend')]], t('cases'),
      null, 'aftersales-chart-volume'),
    el('h4', {}, t('scoreChart') + ' (' + t('by') + ' ' + interval + ')'),
    chart(report.series, [['averageResponseScore', '#ff7f0e', t('scoreLegend') + ' (' + t('points') + ')'],
      ['firstResponseAttainment', '#9467bd', t('onTimeLegend'), 100]], t('points') + ' / %', 100, 'aftersales-chart-scores'),
    table([t('periodCol'), t('casesOpened'), t('closed'), t('score'), t('frOnTime'), t('satisfaction'), t('refunded'),
      t('borne')], report.series.map(p => [p.period, p.opened, p.closed, number(p.averageResponseScore),
      percent(p.firstResponseAttainment), number(p.averageSatisfaction), money(p.refunded), money(p.costBorneByUs)])),
    el('h4', {}, t('totals')),
    ...totalsTable(t('byType'), report.totals.byType, 'aftersales-by-type'),
    ...totalsTable(t('byCategory'), report.totals.byCategory, 'aftersales-by-category'),
    ...totalsTable(t('bySeller'), report.totals.bySeller, 'aftersales-by-seller'),
    ...totalsTable(t('byGroup'), report.totals.byGroup, 'aftersales-by-group'),
    el('h4', {}, t('sellers')),
    sellerTable(report.sellers),
    el('p', { class: 'help-block' }, t('sellerNote')),
    el('h4', {}, t('incidents')),
    incidentTable(processKey ? incidents.filter(i => i.processDefinitionKey === processKey) : incidents, zone),
    el('h4', {}, t('dimensions')),
    sat.surveys ? table([t('dimension'), t('average')], Object.entries(sat.averageByDimension || {})
      .map(([d, v]) => [d, number(v)])) : el('p', {}, t('noSurvey')),
    el('h4', {}, t('costs')),
    table([t('category'), t('costCases'), t('refunded'), t('borne'), t('ofWhich'), t('charged')],
      report.costs.map(c => [c.productCategory, c.cases, money({ [c.currency]: c.refunded }),
        money({ [c.currency]: c.borneByUs }),
        Object.entries(c.borneByUsByKind).map(([k, v]) => k.toLowerCase() + ' ' + Number(v).toFixed(2)).join(', ') || '-',
        money({ [c.currency]: c.chargedToCustomers })])),
    el('h4', {}, t('stages')),
    table([t('stage'), t('open'), t('oldest'), t('avgAge')],
      report.openByStage.map(s => [s.stage, s.open, duration(s.oldestMinutes), duration(s.averageAgeMinutes)]))
  ];
}

function select(name, label, options) {
  return [el('label', { class: 'control-label' }, ' ' + label + ' '),
    el('select', { name, class: 'form-control input-sm' }, options.map(([value, text, chosen]) =>
      el('option', { value, selected: chosen ? 'selected' : null }, text)))];
}

function view(node, processKey) {
  const controls = el('form', { class: 'form-inline aftersales-filters' },
    select('days', t('period'), [['7', t('last', 7)], ['30', t('last', 30), true], ['90', t('last', 90)]]),
    select('interval', t('by'), [['DAY', t('day')], ['WEEK', t('week')]]),
    select('caseType', t('type'), [['', t('all')], ...CASE_TYPES.map(c => [c, c])]),
    select('productCategory', t('category'), [['', t('all')]]),
    select('sellerId', t('seller'), [['', t('all')]]),
    select('group', t('group'), [['', t('all')], ...GROUPS.map(g => [g, g])]),
    ' ', el('a', { class: 'btn btn-default btn-sm aftersales-export-cases', download: 'service-figures-cases.csv' },
      t('exportCases')),
    ' ', el('a', { class: 'btn btn-default btn-sm aftersales-export-sellers', download: 'service-figures-sellers.csv' },
      t('exportSellers')));
  const root = el('section', { class: 'aftersales-sla' }, el('h3', {}, t('title')), controls,
    el('div', { class: 'aftersales-sla-body' }));
  node.replaceChildren(root);
  controls.addEventListener('change', () => load(root, processKey));
  load(root, processKey);
}

/** Shows the figures to those who may read them; hides the box (or tab) from everyone else. */
function guarded(node, show) {
  node.replaceChildren(el('p', { class: 'aftersales-loading' }, t('loading')));
  const hide = () => {
    const box = node.closest('[data-plugin-id]') || node;
    box.style.display = 'none';
    box.classList.add('aftersales-hidden');
  };
  const check = () => askRights().then(r => {
    if (r.readFigures) {
      show();
    } else {
      hide();
    }
  }, error => {
    if (error.kind === 'denied' || error.kind === 'expired') {
      hide();
    } else {
      node.replaceChildren(failureBox(error, check));
    }
  });
  check();
}

export default [
  {
    id: 'aftersales.sla.dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 5,
    render: (node) => guarded(node, () => view(node, null))
  },
  {
    id: 'aftersales.sla.process-definition',
    pluginPoint: 'cockpit.processDefinition.runtime.tab',
    priority: 5,
    get label() {
      return t('tab');
    },
    render: (node, { api, processDefinitionId }) => guarded(node, () => {
      const show = () => getJson(api.engineApi + '/process-definition/' + encodeURIComponent(processDefinitionId))
        .then(definition => view(node, definition.key), error => node.replaceChildren(failureBox(error, show)));
      show();
    })
  }
];
