// Tasklist configuration of the after-sales service: adds the case documents tab (aftersales-documents.js).
export default {
  customScripts: ['scripts/aftersales-documents.js']
};
