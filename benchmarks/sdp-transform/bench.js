#!/usr/bin/env node
// Times sdp-transform parse and parse+write of one SDP file, the way the JMH SDP benchmark times sdp-model and
// JAIN-SIP: warm up, then several timed rounds; prints ops/s per round and the median as one JSON line.
// Usage: node bench.js FILE [iterations per round] [rounds]
'use strict';
const fs = require('fs');
const sdpTransform = require('sdp-transform');

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench.js FILE [iterations] [rounds]');
  process.exit(2);
}
const iterations = parseInt(process.argv[3] || '100000', 10);
const rounds = parseInt(process.argv[4] || '5', 10);
const text = fs.readFileSync(file, 'utf8');

let sink = 0;
function parse() {
  const s = sdpTransform.parse(text);
  sink += s.media.length;
}
function parseWrite() {
  sink += sdpTransform.write(sdpTransform.parse(text)).length;
}

function measure(name, fn) {
  for (let i = 0; i < Math.min(iterations, 20000); i++) fn(); // warm-up
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    const ns = Number(process.hrtime.bigint() - t0);
    results.push(iterations / (ns / 1e9));
  }
  const sorted = [...results].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { benchmark: name, opsPerSec: Math.round(median), rounds: results.map(Math.round) };
}

const out = {
  runtime: 'node ' + process.version,
  library: 'sdp-transform ' + require('sdp-transform/package.json').version,
  file,
  iterations,
  rounds,
  results: [measure('sdpTransformParse', parse), measure('sdpTransformParseWrite', parseWrite)],
};
if (sink === 0) throw new Error('nothing parsed');
console.log(JSON.stringify(out));
