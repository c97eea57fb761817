// Jest's CommonJS loader cannot require ESM on Node 20 (Node itself can). @fastify/static
// requires the ESM-only content-disposition@3, so under jest we hand it the CJS 1.x
// release, whose default export is the same function 3.x calls `create`.
const contentDisposition = require('content-disposition-cjs');
module.exports = { create: contentDisposition, parse: contentDisposition.parse };
