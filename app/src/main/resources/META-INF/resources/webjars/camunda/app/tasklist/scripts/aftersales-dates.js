// After-sales service: Tasklist's relative times ("到期 1 天前", "2 天后") in the language it picked (an ES module
// listed in config.js `customScripts`).
//
// Tasklist loads the dates of its chosen locale (locales/zh.json "dateLocales") and of its fallback (English);
// whichever arrives last becomes moment's global locale, so a Chinese list could say "in 2 days". This script sets
// moment's locale (through angular-moment, which Tasklist's due dates use) to the one Tasklist translates into,
// each time a locale has loaded.

function whenStarted(callback) {
  const timer = setInterval(() => {
    const ng = window.angular;
    const injector = ng && (ng.element(document.body).injector() || ng.element(document.documentElement).injector());
    if (injector) {
      clearInterval(timer);
      callback(injector);
    }
  }, 100);
}

whenStarted(injector => {
  const $rootScope = injector.get('$rootScope');
  const $translate = injector.get('$translate');
  const amMoment = injector.has('amMoment') ? injector.get('amMoment') : null;
  const moment = injector.has('moment') ? injector.get('moment') : window.moment;
  if (!moment) {
    return;
  }
  const follow = () => {
    const language = $translate.use();
    if (language && moment.locales().indexOf(language) > -1 && moment.locale() !== language) {
      if (amMoment) {
        amMoment.changeLocale(language);
      } else {
        moment.locale(language);
      }
    }
  };
  ['$translateChangeSuccess', '$translateLoadingEnd', '$translateRefreshEnd'].forEach(event =>
    $rootScope.$on(event, () => $rootScope.$applyAsync(follow)));
  $rootScope.$applyAsync(follow);
});

export default [];
