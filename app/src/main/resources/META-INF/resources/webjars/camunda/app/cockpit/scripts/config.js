// Cockpit configuration of the after-sales service: adds the service-figures plugin (aftersales-sla.js).
export default {
  // aftersales-dates.js: relative times in the page's language (one script for Tasklist, Cockpit and Admin)
  customScripts: ['scripts/aftersales-sla.js', '../tasklist/scripts/aftersales-dates.js'],
  // Simplified Chinese beside English and German (a browser whose first language is zh-* gets locales/zh.json,
  // any other language not listed gets English)
  locales: {
    availableLocales: ['en', 'de', 'zh'],
    fallbackLocale: 'en'
  }
};
