// Cockpit configuration of the after-sales service: adds the service-figures plugin (aftersales-sla.js).
export default {
  customScripts: ['scripts/aftersales-sla.js'],
  // Simplified Chinese beside English and German (a browser whose first language is zh-* gets locales/zh.json,
  // any other language not listed gets English)
  locales: {
    availableLocales: ['en', 'de', 'zh'],
    fallbackLocale: 'en'
  }
};
