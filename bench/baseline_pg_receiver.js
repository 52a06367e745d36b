// The ENS receiver with a PostgreSQL status store that people would write instead of
// sfmc-ens-receiver --store postgresql://, held to the same rules: the HMAC checked over the
// raw body (constant-time), every event parsed, each stored once by a unique digest
// (INSERT ... ON CONFLICT DO NOTHING), the message's current status upserted by the merge rule
// (rank, then the later timestampUTC) in the same transaction, one transaction per batch,
// 200 only after COMMIT returns. Written as a competent node-postgres user would: a pool of
// connections, each batch's rows in one multi-row statement (unnest of arrays), the status
// rows in key order (two batches never deadlock).
// Needs pg (npm, into a scratch folder: bench/postgresql_load.sh installs it).
//   node baseline_pg_receiver.js PORT KEY DATABASE_URL
'use strict';
const http = require('http');
const crypto = require('crypto');
const { Pool } = require('pg');

const [, , port, keyText, url] = process.argv;
const key = Buffer.from(keyText, 'base64');
const pool = new Pool({ connectionString: url, max: 16 });
const statuses = { smssent: 'sent', smsnotsent: 'not_sent', smstransient: 'transient', smsdelivered: 'delivered', smsbounced: 'bounced' };
const ranks = { sent: 1, transient: 2, delivered: 3, bounced: 3, not_sent: 3 };

async function schema() {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SELECT pg_advisory_xact_lock(42)');
    await c.query(`
      CREATE TABLE IF NOT EXISTS events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, digest bytea NOT NULL UNIQUE, received_at timestamptz NOT NULL,
        channel text NOT NULL, status text NOT NULL, event_category_type text NOT NULL, message_key text,
        timestamp_utc bigint, event jsonb NOT NULL);
      CREATE INDEX IF NOT EXISTS events_by_key ON events (message_key);
      CREATE TABLE IF NOT EXISTS messages (
        channel text NOT NULL, message_key text NOT NULL, event_id bigint NOT NULL, status text NOT NULL,
        rank integer NOT NULL, timestamp_utc bigint, PRIMARY KEY (channel, message_key));
      CREATE INDEX IF NOT EXISTS messages_by_status ON messages (channel, status, timestamp_utc);`);
    await c.query('COMMIT');
  } finally {
    c.release();
  }
}

async function store(events) {
  const digests = [], channels = [], kinds = [], types = [], keys = [], times = [], raws = [];
  for (const e of events) {
    const raw = JSON.stringify(e);
    digests.push(crypto.createHash('sha256').update(raw).digest().subarray(0, 16));
    const info = e.info || e.Info || {};
    const type = String(e.eventCategoryType || '');
    const status = statuses[type.slice(type.indexOf('.') + 1).toLowerCase()] || 'unknown';
    channels.push(status === 'unknown' ? 'unknown' : 'sms');
    kinds.push(status);
    types.push(type);
    keys.push(typeof info.messageKey === 'string' ? info.messageKey : null);
    times.push(Number.isInteger(e.timestampUTC) ? e.timestampUTC : null);
    raws.push(raw);
  }
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const added = await c.query(
      `INSERT INTO events (digest, received_at, channel, status, event_category_type, message_key, timestamp_utc, event)
       SELECT d, now(), c, s, t, k, ts, ev::jsonb FROM unnest($1::bytea[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::bigint[], $7::text[]) AS u(d, c, s, t, k, ts, ev)
       ON CONFLICT (digest) DO NOTHING RETURNING id, channel, status, message_key, timestamp_utc`,
      [digests, channels, kinds, types, keys, times, raws]);
    // The best new event of each message, then upserted in key order.
    const best = new Map();
    for (const r of added.rows) {
      if (r.message_key === null || !ranks[r.status]) continue;
      const rank = ranks[r.status], at = r.timestamp_utc === null ? null : Number(r.timestamp_utc);
      const seen = best.get(r.message_key);
      if (!seen || rank > seen.rank || (rank === seen.rank && at !== null && (seen.at === null || at > seen.at)))
        best.set(r.message_key, { id: r.id, channel: r.channel, status: r.status, rank, at });
    }
    const sorted = [...best.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    if (sorted.length)
      await c.query(
        `INSERT INTO messages (channel, message_key, event_id, status, rank, timestamp_utc)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::integer[], $6::bigint[])
         ON CONFLICT (channel, message_key) DO UPDATE SET event_id = excluded.event_id, status = excluded.status,
           rank = excluded.rank, timestamp_utc = excluded.timestamp_utc
         WHERE excluded.rank > messages.rank OR (excluded.rank = messages.rank AND excluded.timestamp_utc > messages.timestamp_utc)`,
        [sorted.map((s) => s[1].channel), sorted.map((s) => s[0]), sorted.map((s) => s[1].id), sorted.map((s) => s[1].status),
         sorted.map((s) => s[1].rank), sorted.map((s) => s[1].at)]);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

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
    store(events).then(() => reply(res, 200), () => reply(res, 503));
  });
});
server.keepAliveTimeout = 60000;
schema().then(() => server.listen(Number(port), '127.0.0.1', () => console.error(`listening on ${server.address().port}`)),
  (e) => { console.error(`cannot create the schema: ${e.message}`); process.exit(1); });
