// autocannon's worker threads load setupRequest with require(); the request builder is an ES
// module (dist/bench/slack-distinct-request.js), which Node 20.19+ can require.
module.exports = require('../dist/bench/slack-distinct-request.js').default;
