// The ENS receiver people write today, held to the same rules as sfmc-ens-receiver: the HMAC
// checked over the raw body (the key's base64 decoding, constant-time compare), the body
// parsed, one normalised line per event (an event seen before is skipped), and 200 only once
// the lines are written and, with an output file, on disk (fdatasync).
// Node.js built-in modules only.   node baseline_receiver.js PORT KEY [FILE]
'use strict';
const http = require('http');
const crypto = require('crypto');
const fs = require('fs');

const [, , port, keyText, out] = process.argv;
const key = Buffer.from(keyText, 'base64');
const fd = out ? fs.openSync(out, 'a') : 1;
const seen = new Set();
const statuses = { smssent: 'sent', smsnotsent: 'not_sent', smstransient: 'transient', smsdelivered: 'delivered', smsbounced: 'bounced' };

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
    let text = '';
    for (const e of events) {
      const raw = JSON.stringify(e);
      if (seen.has(raw)) continue;
      seen.add(raw);
      const info = e.info || e.Info || {};
      const type = String(e.eventCategoryType || '');
      const status = statuses[type.slice(type.indexOf('.') + 1).toLowerCase()] || 'unknown';
      text += JSON.stringify({
        status, channel: status === 'unknown' ? 'unknown' : 'sms', eventCategoryType: type,
        messageKey: info.messageKey,
        timestampUtc: Number.isInteger(e.timestampUTC) ? new Date(e.timestampUTC).toISOString() : undefined,
        to: info.to, subscriberKey: info.subscriberKey, statusCode: info.statusCode === undefined ? undefined : String(info.statusCode),
        statusMessage: info.statusMessage || info.reason, final: ['delivered', 'bounced', 'not_sent'].includes(status), event: e,
      }) + '\n';
    }
    fs.write(fd, text, (err) => {
      if (err) return reply(res, 500);
      if (!out) return reply(res, 200);
      fs.fdatasync(fd, (syncErr) => reply(res, syncErr ? 500 : 200));
    });
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(port), '127.0.0.1', () => console.error(`listening on ${server.address().port}`));
