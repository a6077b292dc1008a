// Writes log lines as pino and bunyan produce them, one file per library, for the logger-format tests of
// logline-core. Run by generate.sh after `npm install` of package.json in a scratch folder.
// Usage: node node_loggers.js OUT_DIR
'use strict';

const fs = require('fs');
const path = require('path');

const outDir = process.argv[2];

function pinoLines() {
  const pino = require('pino');
  const file = path.join(outDir, 'pino.jsonl');
  const log = pino({ name: 'shop', level: 'trace' }, pino.destination({ dest: file, sync: true }));
  log.info({ user: 'ann', order_id: 'ORD987' }, 'user logged in');
  log.warn({ sku: 'SKU-1', left: 3 }, 'stock low');
  log.error({ err: new Error('card declined'), order_id: 'ORD987' }, 'payment failed');
  log.child({ module: 'billing' }).debug('invoice queued');
}

function bunyanLines() {
  const bunyan = require('bunyan');
  const lines = [];
  const log = bunyan.createLogger({
    name: 'shop',
    level: 'trace',
    serializers: bunyan.stdSerializers,
    streams: [{ level: 'trace', stream: { write: s => lines.push(s) } }],
  });
  log.info({ user: 'ann', order_id: 'ORD987' }, 'user logged in');
  log.warn({ sku: 'SKU-1', left: 3 }, 'stock low');
  log.error({ err: new Error('card declined'), order_id: 'ORD987' }, 'payment failed');
  log.child({ module: 'billing' }).debug('invoice queued');
  fs.writeFileSync(path.join(outDir, 'bunyan.jsonl'), lines.join(''));
}

pinoLines();
bunyanLines();
