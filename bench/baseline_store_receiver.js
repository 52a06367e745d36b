// The ENS receiver with a status store that people would write instead of sfmc-ens-receiver
// --store sqlite:, held to the same rules: the HMAC checked over the raw body (constant-time),
// every event parsed, each stored once by a unique digest, the message's current status
// upserted by the same merge rule (rank, then the later timestampUTC) in the same transaction,
// one transaction per batch, WAL with synchronous=FULL, 200 only after the commit.
// Needs better-sqlite3@12 (npm, into a scratch folder: bench/store_load.sh installs it).
//   node baseline_store_receiver.js PORT KEY DATABASE
'use strict';
const http = require('http');
const crypto = require('crypto');
const Database = require('better-sqlite3');

const [, , port, keyText, file] = process.argv;
const key = Buffer.from(keyText, 'base64');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE, received_at INTEGER NOT NULL, channel TEXT NOT NULL,
    status TEXT NOT NULL, event_category_type TEXT NOT NULL, message_key TEXT, timestamp_utc INTEGER, event TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS events_by_key ON events (message_key, channel);
  CREATE TABLE IF NOT EXISTS messages (
    channel TEXT NOT NULL, message_key TEXT NOT NULL, event_id INTEGER NOT NULL, status TEXT NOT NULL,
    rank INTEGER NOT NULL, timestamp_utc INTEGER, PRIMARY KEY (channel, message_key)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS messages_by_status ON messages (channel, status, timestamp_utc);`);
const statuses = { smssent: 'sent', smsnotsent: 'not_sent', smstransient: 'transient', smsdelivered: 'delivered', smsbounced: 'bounced' };
const ranks = { sent: 1, transient: 2, delivered: 3, bounced: 3, not_sent: 3 };
const insertEvent = db.prepare(`INSERT INTO events (digest, received_at, channel, status, event_category_type, message_key,
  timestamp_utc, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING`);
const upsertStatus = db.prepare(`INSERT INTO messages (channel, message_key, event_id, status, rank, timestamp_utc)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, message_key) DO UPDATE SET event_id = excluded.event_id,
  status = excluded.status, rank = excluded.rank, timestamp_utc = excluded.timestamp_utc
  WHERE excluded.rank > messages.rank OR (excluded.rank = messages.rank AND excluded.timestamp_utc > messages.timestamp_utc)`);

const store = db.transaction((events, now) => {
  for (const e of events) {
    const raw = JSON.stringify(e);
    const digest = crypto.createHash('sha256').update(raw).digest().subarray(0, 16);
    const info = e.info || e.Info || {};
    const type = String(e.eventCategoryType || '');
    const status = statuses[type.slice(type.indexOf('.') + 1).toLowerCase()] || 'unknown';
    const channel = status === 'unknown' ? 'unknown' : 'sms';
    const key = typeof info.messageKey === 'string' ? info.messageKey : null;
    const at = Number.isInteger(e.timestampUTC) ? e.timestampUTC : null;
    const added = insertEvent.run(digest, now, channel, status, type, key, at, raw);
    if (added.changes === 0 || key === null || !ranks[status]) continue;
    upsertStatus.run(channel, key, added.lastInsertRowid, status, ranks[status], at);
  }
});

// An empty answer with its length, as any receiver sends it.
const reply = (res, status) => res.writeHead(status, { 'Content-Length': 0 }).end();

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers['x-sfmc-ens-signature'] || ''), 'base64');
    const mac = crypto.createHmac('sha256', key).update(body).digest();
    if (given.length !== mac.length || !crypto.timingSafeEqual(given, mac)) return reply(res, 401);
    let events;
    try {
      events = JSON.parse(body);
    } catch {
      return reply(res, 400);
    }
    if (!Array.isArray(events)) return reply(res, 400);
    try {
      store(events, Date.now());
    } catch {
      return reply(res, 503);
    }
    reply(res, 200);
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(port), '127.0.0.1', () => console.error(`listening on ${server.address().port}`));
