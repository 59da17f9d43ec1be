// Cockpit configuration of the after-sales service: adds the service-figures plugin (aftersales-sla.js).
export default {
  customScripts: ['scripts/aftersales-sla.js']
};
