#!/usr/bin/env node
// An S3-compatible server for tests: s3rver (npm, pinned) behind a proxy that verifies AWS Signature Version 4,
// because s3rver itself accepts any signature. Both presigned query strings and Authorization headers are checked:
// algorithm, credential (access key, scope), signature over method, path, query and signed headers, and expiry.
// It also enforces the CopyObject preconditions s3rver ignores, as S3 documents them: x-amz-copy-source-if-match
// (the source's ETag) and If-None-Match: * (no object at the destination), each answering 412 PreconditionFailed;
// and it decodes x-amz-copy-source, which the AWS SDK sends URL-encoded ("bucket%2Fkey") and s3rver cannot split.
// Node built-ins only, besides s3rver.
//   node tests/standins/s3-sigv4-proxy.js --port 9000 [--bucket documents] [--access-key S3RVER] [--secret-key S3RVER]
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const S3rver = require('s3rver');

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const port = Number(args.port || 9000);
const host = args.host || '127.0.0.1';
const bucket = args.bucket || 'documents';
const accessKey = args['access-key'] || 'S3RVER';
const secretKey = args['secret-key'] || 'S3RVER';
const maxExpires = 7 * 24 * 3600;

const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();
const sha256Hex = data => crypto.createHash('sha256').update(data).digest('hex');
// RFC 3986 encoding as SigV4 wants it: everything but unreserved characters.
const encode = value => encodeURIComponent(value).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value || '');
  return m ? Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

// Returns null when the request is authentic and current, else the reason it is refused.
function verify(req) {
  const url = new URL(req.url, 'http://placeholder');
  const query = [...url.searchParams.entries()];
  const presigned = url.searchParams.has('X-Amz-Signature');
  let credential, signedHeaders, signature, amzDate, payloadHash, expires;
  if (presigned) {
    if (url.searchParams.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'unsupported algorithm';
    credential = url.searchParams.get('X-Amz-Credential');
    signedHeaders = url.searchParams.get('X-Amz-SignedHeaders');
    signature = url.searchParams.get('X-Amz-Signature');
    amzDate = url.searchParams.get('X-Amz-Date');
    expires = Number(url.searchParams.get('X-Amz-Expires'));
    payloadHash = url.searchParams.get('X-Amz-Content-Sha256') || 'UNSIGNED-PAYLOAD';
    if (!Number.isInteger(expires) || expires < 1 || expires > maxExpires) return 'invalid expiry';
  } else {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/.exec(req.headers.authorization || '');
    if (!m) return 'missing or malformed authorization';
    [, credential, signedHeaders, signature] = m;
    amzDate = req.headers['x-amz-date'];
    payloadHash = req.headers['x-amz-content-sha256'] || sha256Hex('');
  }

  const [keyId, date, region, service, terminator] = (credential || '').split('/');
  if (keyId !== accessKey || service !== 's3' || terminator !== 'aws4_request' || !region) return 'invalid credential';
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt) || amzDate.slice(0, 8) !== date) return 'invalid date';
  const now = Date.now();
  if (presigned ? now > signedAt + expires * 1000 : Math.abs(now - signedAt) > 15 * 60 * 1000) return 'expired';
  if (signedAt > now + 15 * 60 * 1000) return 'not yet valid';

  const headerNames = (signedHeaders || '').split(';');
  if (!headerNames.includes('host')) return 'host not signed';
  const canonicalHeaders = headerNames.map(name => {
    const value = req.headers[name];
    return `${name}:${(Array.isArray(value) ? value.join(',') : value ?? '').trim().replace(/\s+/g, ' ')}\n`;
  }).join('');
  const canonicalQuery = query
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [encode(key), encode(value)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  // S3 signs the path as sent (each segment encoded once); normalize it the same way the SDK does.
  const canonicalPath = url.pathname.split('/').map(segment => encode(decodeURIComponent(segment))).join('/');
  const canonicalRequest = [req.method, canonicalPath, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = ['s3', 'aws4_request'].reduce(hmac, hmac(hmac('AWS4' + secretKey, date), region));
  const expected = hmac(signingKey, stringToSign).toString('hex');
  const given = Buffer.from(signature || '', 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, Buffer.from(expected, 'utf8')) ? null : 'signature does not match';
}

// The ETag of the object at `path` on the inner server (s3rver allows unsigned requests), or null when there is none.
function headETag(innerPort, path) {
  return new Promise((resolve, reject) => {
    const head = http.request({ host: '127.0.0.1', port: innerPort, method: 'HEAD', path }, answer => {
      answer.resume();
      resolve(answer.statusCode === 200 ? String(answer.headers.etag || '').replace(/"/g, '') : null);
    });
    head.on('error', reject);
    head.end();
  });
}

// Null when a copy's preconditions hold (or it is not a copy), else why not.
async function failedCopyPrecondition(req, innerPort) {
  if (req.method !== 'PUT' || !req.headers['x-amz-copy-source']) return null;
  // After the signature check, which covered the header as sent.
  const source = decodeURIComponent(req.headers['x-amz-copy-source']).replace(/^\//, '');
  req.headers['x-amz-copy-source'] = source;
  const sourceMatch = req.headers['x-amz-copy-source-if-match'];
  if (sourceMatch !== undefined) {
    const etag = await headETag(innerPort, '/' + source);
    if (etag === null) return 'copy source does not exist';
    if (etag !== sourceMatch.replace(/"/g, '')) return 'copy source ETag does not match';
  }

  if (req.headers['if-none-match'] === '*' && await headETag(innerPort, new URL(req.url, 'http://placeholder').pathname) !== null) {
    return 'destination exists';
  }

  return null;
}

// Sends the request to the inner server and resolves once its answer has been passed on.
function forward(req, res, innerPort) {
  return new Promise(resolve => {
    const upstream = http.request({ host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers }, answer => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
      answer.on('end', resolve);
    });
    upstream.on('error', error => { res.writeHead(502); res.end(String(error)); resolve(); });
    req.pipe(upstream);
  });
}

// A lock per object path: resolves with its release function once every earlier holder has released it.
const locks = new Map();
function lockPath(path) {
  const previous = locks.get(path) || Promise.resolve();
  let release;
  const current = new Promise(resolve => { release = resolve; });
  const chained = previous.then(() => current);
  locks.set(path, chained);
  return previous.then(() => () => {
    release();
    if (locks.get(path) === chained) locks.delete(path);
  });
}

function refuse(res, code, message, status = 403) {
  res.writeHead(status, { 'Content-Type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

async function main() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: true, configureBuckets: [{ name: bucket, configs: [] }] });
  const inner = await s3rver.run();

  const proxy = http.createServer(async (req, res) => {
    const reason = verify(req);
    if (reason) {
      req.resume();
      refuse(res, reason === 'expired' ? 'AccessDenied' : 'SignatureDoesNotMatch', reason);
      return;
    }

    // A copy's conditions are checked and the copy made under one lock per destination, so they hold atomically as on S3.
    const copy = req.method === 'PUT' && req.headers['x-amz-copy-source'];
    const release = copy ? await lockPath(new URL(req.url, 'http://placeholder').pathname) : () => {};
    try {
      const precondition = await failedCopyPrecondition(req, inner.port).catch(error => String(error));
      if (precondition) {
        req.resume();
        refuse(res, 'PreconditionFailed', precondition, 412);
        return;
      }

      await forward(req, res, inner.port);
    } finally {
      release();
    }
  });

  const stop = () => proxy.close(() => s3rver.close(() => { fs.rmSync(directory, { recursive: true, force: true }); process.exit(0); }));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  proxy.listen(port, host);
}

main().catch(error => { console.error(error); process.exit(1); });
