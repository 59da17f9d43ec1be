// After-sales service: the task list, most urgent first (an ES module listed in config.js `customScripts`).
//
// Tasklist sorts its list by what the address says (`sorting=` after `#/?`) and, when the address says nothing,
// by creation date, newest first; that sorting is sent with every list request and overrides the sorting of the
// filter (ours sort by due date, see TaskFilters.java). This script gives an address without a sorting the due
// date, earliest first, so that overdue tasks come first in every filter. A sorting the agent picks in the list
// header stays theirs (it is in the address, bookmarks included).
//
// Overdue rows are marked by styles/user-styles.css; the word it shows follows the language Tasklist picks
// (the browser's first language: zh-* gets Chinese, see config.js `locales`).

const BY_DUE_DATE = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);

function byDueDate() {
  const hash = window.location.hash || '#/';
  // only the list page (#/ and #/?...), not the login page or others
  if (!/^#\/?(\?|$)/.test(hash)) {
    return;
  }
  const query = hash.indexOf('?') < 0 ? '' : hash.slice(hash.indexOf('?') + 1);
  const params = new URLSearchParams(query);
  if (params.has('sorting')) {
    return;
  }
  params.set('sorting', BY_DUE_DATE);
  // a new hash without a new history entry; Tasklist hears of it through the hashchange event
  window.location.replace('#/?' + params.toString());
}

function language() {
  const nav = window.navigator;
  const first = (Array.isArray(nav.languages) && nav.languages.length ? nav.languages[0] : nav.language) || 'en';
  return first.split('-')[0].toLowerCase();
}

document.documentElement.setAttribute('data-aftersales-lang', language() === 'zh' ? 'zh' : 'en');
byDueDate();
window.addEventListener('hashchange', byDueDate);

export default [];
