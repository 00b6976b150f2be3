#!/usr/bin/env node
// Starts @vercel/cosmosdb-server 1.0.1 (pinned in package.json) with the fixes our tests need:
//  - query-plan requests are answered with a plain plan, so the .NET SDK lets the server run the whole query;
//  - reading a missing document answers 404 instead of 500;
//  - per-item `ttl` is honoured (when the container has a default TTL, as in Cosmos DB): expired items are
//    purged before any read, query or write sees them.
// Usage: node tests/standins/cosmos-standin.js --port <port> [--host 127.0.0.1]
"use strict";

const lib = "@vercel/cosmosdb-server/lib";

// Handlers are captured when the route table loads, so patch them before requiring the server.
const readDocument = require(`${lib}/handler/read-document`);
const { default: partitionFromHeader, parsePartitionKey } = require(`${lib}/utils/get-partition-from-header`);
const readDocumentAsShipped = readDocument.default;
readDocument.default = (account, req, res, params) => {
  const collection = account.database(params.dbId).collection(params.collId);
  const header = partitionFromHeader(req);
  if (collection.read() && header && !collection.document(params.docId, parsePartitionKey(header, params.docId)).read()) {
    res.statusCode = 404;
    return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
  }
  return readDocumentAsShipped(account, req, res, params);
};

const Items = require(`${lib}/account/items`).default;
const nowSeconds = () => Date.now() / 1000;
function purgeExpired(items) {
  if (items._purging) return;
  const container = items._parent.read();
  if (!container || container.defaultTtl === undefined || container.defaultTtl === null) return;
  items._purging = true;
  try {
    for (const item of [...items._data.values()]) {
      const data = item.read();
      const ttl = data && (data.ttl !== undefined ? data.ttl : container.defaultTtl);
      if (ttl > 0 && data._ts + ttl <= nowSeconds()) items.delete(data.id, items._getPartition(data));
    }
  } finally {
    items._purging = false;
  }
}
for (const method of ["_item", "query", "read", "create", "upsert"]) {
  const shipped = Items.prototype[method];
  Items.prototype[method] = function (...args) {
    purgeExpired(this);
    return shipped.apply(this, args);
  };
}

// A plan that asks for nothing the SDK would have to do itself (no ORDER BY, TOP, aggregates, DISTINCT),
// covering the single partition key range the server has.
const queryPlan = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    hasNonStreamingOrderBy: false
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
});

const { createHttpsServer } = require(lib);
const argv = process.argv.slice(2);
const arg = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const port = parseInt(arg("--port", "8081"), 10);
const host = arg("--host", "127.0.0.1");

const server = createHttpsServer();
const [handleAsShipped] = server.listeners("request");
server.removeAllListeners("request");
server.on("request", (req, res) => {
  if (String(req.headers["x-ms-cosmos-is-query-plan-request"]).toLowerCase() === "true") {
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "0" });
    res.end(queryPlan);
    return;
  }
  handleAsShipped(req, res);
});
server.listen(port, host, () => console.log(`Cosmos DB stand-in ready at https://${host}:${port}`));
