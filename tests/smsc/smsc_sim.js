#!/usr/bin/env node
'use strict';
// SMSC simulator: an SMPP 3.4 server on the third-party npm package `smpp`,
// the independent judge of the gateway's SMPP client. Flags and the out-file
// format: README.md beside this file.

const fs = require('fs');
const http = require('http');
const smpp = require('smpp');
const codec = require('./smsc_codec');

const { ST } = codec;

// ---- flags ---------------------------------------------------------------
const DEFAULTS = {
  host: '127.0.0.1', port: 2775, 'system-id': 'gateway', password: 'secret', out: '',
  'dlr-ms': -1, 'dlr-always': false, 'resp-delay-ms': 0, 'drop-every': 0, 'throttle-every': 0,
  'throttle-for-ms': 1000, 'enquire-link-ms': 0, 'control-port': 0, 'mo-timeout-ms': 10000,
};
function ParseFlags(argv) {
  const f = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in DEFAULTS)) Die(`unknown argument ${argv[i]} (flags: ${Object.keys(DEFAULTS).join(', ')})`);
    const key = m[1];
    if (typeof DEFAULTS[key] === 'boolean') { f[key] = true; continue; }
    const v = m[2] !== undefined ? m[2] : argv[++i];
    if (v === undefined) Die(`--${key} needs a value`);
    if (typeof DEFAULTS[key] === 'number') {
      if (!/^-?\d+$/.test(v)) Die(`--${key} needs an integer, got "${v}"`);
      f[key] = Number(v);
    } else {
      f[key] = v;
    }
  }
  return f;
}
function Die(msg) { process.stderr.write(`smsc_sim: ${msg}\n`); process.exit(2); }

// Patch the package so that (1) a command_length below 16 is a framing error
// instead of being skipped silently, (2) every decoded PDU keeps its raw
// octets, which smsc_codec parses strictly, and (3) a body the package cannot
// read (it throws, then stops reading the connection for good) still reaches
// our handlers, which answer it with the right status and sequence number.
const origCommandLength = smpp.PDU.commandLength;
smpp.PDU.commandLength = function (stream) {
  const n = origCommandLength.call(this, stream);
  if (n !== false && n < 16) throw new Error(`command_length ${n} is below the 16-octet header`);
  return n;
};
const origFromBuffer = smpp.PDU.prototype.fromBuffer;
smpp.PDU.prototype.fromBuffer = function (buf) {
  Object.defineProperty(this, 'raw', { value: buf, enumerable: false });
  try {
    return origFromBuffer.call(this, buf);
  } catch (e) {
    if (!this.command) throw e;
    Object.defineProperty(this, 'malformed', { value: e.message, enumerable: false });
    return undefined;
  }
};

const flags = ParseFlags(process.argv.slice(2));
const stats = {
  binds: 0, bind_failures: 0, submits: 0, throttled: 0, drops: 0, dlrs: 0, mo: 0, errors: 0,
  enquire_links_sent: 0, enquire_links_unanswered: 0,
};
const lines = [];
const out_fd = flags.out ? fs.openSync(flags.out, 'w') : null;

// Every event the tests look at is one JSON line, in the file and in memory.
function Record(obj) {
  const line = JSON.stringify({ ...obj, at: Date.now() });
  lines.push(line);
  if (out_fd !== null) fs.writeSync(out_fd, line + '\n');
}
function RecordError(session, reason, extra) {
  stats.errors++;
  Record({ kind: 'error', session: session ? session.id : null, reason, ...extra });
}

// ---- sessions ------------------------------------------------------------
const BIND_MODES = { bind_transmitter: 'transmitter', bind_receiver: 'receiver', bind_transceiver: 'transceiver' };
const CAN_SUBMIT = new Set(['transmitter', 'transceiver']);
const CAN_RECEIVE = new Set(['receiver', 'transceiver']);
let next_session_id = 1;
let next_message_id = 1;
let pdus_received = 0; // counted over all connections, for --drop-every
let accepted_in_window = 0;
let throttled_until = 0;
let rr = 0;
const pending_delivery = []; // deliver_sm waiting for a receiver to bind
const parts = new Map(); // concatenation key -> {total, texts[], to, from}

function Receivers(system_id) {
  const list = [];
  for (const s of server.sessions) if (s.mode && CAN_RECEIVE.has(s.mode) && s.system_id === system_id && !s.gone) list.push(s);
  return list;
}

// Sends a deliver_sm to a bound receiver of system_id; cb(status|null, session).
function Deliver(system_id, fields, cb) {
  const rx = Receivers(system_id);
  if (rx.length === 0) return false;
  const s = rx[rr++ % rx.length];
  const ok = s.send(new smpp.PDU('deliver_sm', fields), (resp) => cb(resp.command_status, s, resp));
  return ok;
}

function FlushPending(session) {
  while (pending_delivery.length && CAN_RECEIVE.has(session.mode)) {
    const p = pending_delivery.shift();
    if (!Deliver(session.system_id, p.fields, p.cb)) { pending_delivery.unshift(p); return; }
  }
}

function Respond(session, pdu, opts) {
  if (!session.gone) session.send(pdu.response(opts || {}));
}

function OnBind(session, pdu) {
  const mode = BIND_MODES[pdu.command];
  if (session.mode) {
    stats.bind_failures++;
    Record({ kind: 'bind', session: session.id, bind: mode, status: ST.ESME_RALYBND, reason: 'already bound' });
    return Respond(session, pdu, { command_status: ST.ESME_RALYBND });
  }
  let b;
  try {
    b = codec.ParseBind(pdu.raw);
  } catch (e) {
    stats.bind_failures++;
    Record({ kind: 'bind', session: session.id, bind: mode, status: e.status, reason: e.message });
    return Respond(session, pdu, { command_status: e.status });
  }
  let status = ST.ESME_ROK, reason;
  if (b.system_id !== flags['system-id']) { status = ST.ESME_RBINDFAIL; reason = `unknown system_id "${b.system_id}"`; }
  else if (b.password !== flags.password) { status = ST.ESME_RINVPASWD; reason = 'wrong password'; }
  Record({ kind: 'bind', session: session.id, bind: mode, system_id: b.system_id, interface_version: b.interface_version, status, reason });
  if (status !== ST.ESME_ROK) {
    stats.bind_failures++;
    return Respond(session, pdu, { command_status: status });
  }
  stats.binds++;
  session.mode = mode;
  session.system_id = b.system_id;
  const resp = { system_id: 'SMSCSIM' };
  if (b.interface_version >= 0x34) resp.sc_interface_version = 0x34;
  Respond(session, pdu, resp);
  if (flags['enquire-link-ms'] > 0) StartEnquireLink(session);
  FlushPending(session);
}

function StartEnquireLink(session) {
  let outstanding = null;
  session.enquire_timer = setInterval(() => {
    if (outstanding !== null) {
      stats.enquire_links_unanswered++;
      Record({ kind: 'enquire_link_unanswered', session: session.id, sequence_number: outstanding });
    }
    const pdu = new smpp.PDU('enquire_link', {});
    stats.enquire_links_sent++;
    session.send(pdu, (resp) => {
      if (outstanding === resp.sequence_number) outstanding = null;
      if (resp.command !== 'enquire_link_resp') RecordError(session, `enquire_link answered with ${resp.command}`);
    });
    outstanding = pdu.sequence_number;
  }, flags['enquire-link-ms']);
}

function NewMessageId() { return (next_message_id++).toString(16).toUpperCase().padStart(8, '0'); }

function Yymmddhhmm(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes());
}

// SMPP 3.4 Appendix B delivery receipt for one accepted part.
function ScheduleDlr(session, m, message_id, submitted_ms) {
  const wanted = flags['dlr-always'] || (m.registered_delivery & 0x03) === 0x01;
  if (flags['dlr-ms'] < 0 || !wanted) return;
  setTimeout(() => {
    const done = Date.now();
    const excerpt = (m.text === null ? m.data : m.text).slice(0, 20).replace(/[^A-Za-z0-9 .,:;!?()+-]/g, '?');
    const text = `id:${message_id} sub:001 dlvrd:001 submit date:${Yymmddhhmm(submitted_ms)} done date:${Yymmddhhmm(done)} stat:DELIVRD err:000 text:${excerpt}`;
    const fields = {
      source_addr_ton: m.dest_addr_ton, source_addr_npi: m.dest_addr_npi, source_addr: m.destination_addr,
      dest_addr_ton: m.source_addr_ton, dest_addr_npi: m.source_addr_npi, destination_addr: m.source_addr,
      esm_class: 0x04, data_coding: 0x00, short_message: codec.EncodeGsm7(text),
      receipted_message_id: message_id, message_state: 2, // DELIVERED
    };
    const cb = (status, rx) => {
      stats.dlrs++;
      Record({ kind: 'dlr', session: rx.id, message_id, to: m.source_addr, command_status: status });
    };
    if (!Deliver(session.system_id, fields, cb)) pending_delivery.push({ fields, cb });
  }, flags['dlr-ms']);
}

function Assemble(m, session) {
  const c = m.concat;
  const key = `${session.system_id}|${m.source_addr}|${m.destination_addr}|${c.bits}|${c.ref}|${c.total}`;
  let entry = parts.get(key);
  if (!entry) { entry = { texts: new Array(c.total).fill(null), got: 0 }; parts.set(key, entry); }
  if (entry.texts[c.seq - 1] !== null) {
    RecordError(session, `duplicate part ${c.seq} of ${c.total} (ref ${c.ref}) to ${m.destination_addr}`);
    return;
  }
  entry.texts[c.seq - 1] = m.text === null ? m.data : m.text;
  if (++entry.got < c.total) return;
  parts.delete(key);
  Record({ kind: 'assembled', to: m.destination_addr, from: m.source_addr, text: entry.texts.join(''), parts: c.total, ref: c.ref });
}

// Every submit_sm_resp, refusals included, leaves after --resp-delay-ms.
function AnswerSubmit(session, pdu, opts, then) {
  const answer = () => {
    if (session.gone) return;
    session.send(pdu.response(opts));
    if (then) then();
  };
  if (flags['resp-delay-ms'] > 0) setTimeout(answer, flags['resp-delay-ms']);
  else answer();
}

function OnSubmit(session, pdu) {
  if (!session.mode || !CAN_SUBMIT.has(session.mode)) {
    RecordError(session, `submit_sm in bind state ${session.mode || 'open'}`, { status: ST.ESME_RINVBNDSTS });
    return AnswerSubmit(session, pdu, { command_status: ST.ESME_RINVBNDSTS });
  }
  let m;
  try {
    m = codec.ParseSubmit(pdu.raw);
  } catch (e) {
    if (!(e instanceof codec.PduError)) throw e;
    RecordError(session, e.message, { command: 'submit_sm', status: e.status, pdu: codec.hex(pdu.raw) });
    return AnswerSubmit(session, pdu, { command_status: e.status });
  }
  const now = Date.now();
  if (now < throttled_until) {
    stats.throttled++;
    Record({ kind: 'throttled', session: session.id, to: m.destination_addr });
    return AnswerSubmit(session, pdu, { command_status: ST.ESME_RTHROTTLED });
  }
  if (flags['throttle-every'] > 0 && ++accepted_in_window >= flags['throttle-every']) {
    accepted_in_window = 0;
    throttled_until = now + flags['throttle-for-ms'];
    // When the throttle ends: what a resume measurement counts from.
    Record({ kind: 'throttle', until: throttled_until });
  }
  stats.submits++;
  const message_id = NewMessageId();
  const line = {
    kind: 'submit', session: session.id, to: m.destination_addr, from: m.source_addr,
    data_coding: m.data_coding, esm_class: m.esm_class, text: m.text, message_id, tlvs: m.tlvs,
    dest_addr_ton: m.dest_addr_ton, dest_addr_npi: m.dest_addr_npi, source_addr_ton: m.source_addr_ton,
    source_addr_npi: m.source_addr_npi, registered_delivery: m.registered_delivery, service_type: m.service_type,
  };
  if (m.udh) line.udh = m.udh;
  if (m.data) line.data = m.data;
  if ('payload_octets' in m) line.payload_octets = m.payload_octets;
  Record(line);
  if (m.concat) Assemble(m, session);
  AnswerSubmit(session, pdu, { message_id }, () => ScheduleDlr(session, m, message_id, now));
}

// Requests we handle; everything else gets generic_nack ESME_RINVCMDID.
const HANDLERS = {
  bind_transmitter: OnBind, bind_receiver: OnBind, bind_transceiver: OnBind,
  submit_sm: OnSubmit,
  enquire_link: (s, pdu) => {
    if (pdu.raw.length !== 16) RecordError(s, `enquire_link with a ${pdu.raw.length - 16}-octet body`);
    Respond(s, pdu);
  },
  unbind: (s, pdu) => {
    Record({ kind: 'unbind', session: s.id });
    Respond(s, pdu);
    s.mode = null;
    s.close();
  },
};

function OnPdu(session, pdu) {
  if (session.gone) return;
  pdus_received++;
  if (flags['drop-every'] > 0 && pdus_received % flags['drop-every'] === 0) {
    stats.drops++;
    Record({ kind: 'drop', session: session.id, command: pdu.command, sequence_number: pdu.sequence_number });
    session.gone = true;
    session.socket.destroy();
    return;
  }
  if (pdu.isResponse()) {
    if (pdu.command === 'unknown') return RecordError(session, `unknown response command_id 0x${pdu.command_id.toString(16)}`);
    if (pdu.malformed) RecordError(session, `${pdu.command} unreadable: ${pdu.malformed}`, { pdu: codec.hex(pdu.raw) });
    const bad = codec.CheckResponseBody(pdu.raw, pdu.command);
    if (bad) RecordError(session, bad, { command: pdu.command });
    if (pdu.command === 'generic_nack') RecordError(session, `generic_nack status 0x${pdu.command_status.toString(16)} for sequence ${pdu.sequence_number}`);
    return;
  }
  const handler = HANDLERS[pdu.command];
  if (handler) return handler(session, pdu);
  RecordError(session, `unsupported command ${pdu.command} (0x${pdu.command_id.toString(16)})`);
  session.send(new smpp.PDU('generic_nack', { sequence_number: pdu.sequence_number, command_status: ST.ESME_RINVCMDID }));
}

const server = smpp.createServer((session) => {
  session.id = next_session_id++;
  session.socket.setNoDelay(true); // answers leave at once, as from a real SMSC
  session.mode = null;
  session.on('pdu', (pdu) => OnPdu(session, pdu));
  session.on('error', (e) => {
    // The package stops reading after a framing error: answer and close. A
    // socket error (the ESME reset the connection) is not the ESME's PDU fault.
    if (!session.gone && e.code) Record({ kind: 'disconnect', session: session.id, reason: e.message });
    else if (!session.gone) RecordError(session, `connection error: ${e.message}`);
    if (!session.gone && session.socket.writable && /command_length|PDU length/.test(e.message))
      session.socket.write(new smpp.PDU('generic_nack', { command_status: ST.ESME_RINVCMDLEN }).toBuffer());
    session.gone = true;
    session.socket.destroy();
  });
  session.on('close', () => {
    session.gone = true;
    if (session.enquire_timer) clearInterval(session.enquire_timer);
  });
});

// ---- control channel -------------------------------------------------------
function Address(addr) {
  if (/^\+?\d{7,15}$/.test(addr)) return { ton: 1, npi: 1, addr: addr.replace(/^\+/, '') };
  if (/^\d+$/.test(addr)) return { ton: 0, npi: 1, addr };
  if (/[A-Za-z]/.test(addr)) return { ton: 5, npi: 0, addr };
  return { ton: 0, npi: 0, addr }; // service codes such as *123#
}

// Body {from, to, text, coding} (+ USSD TLVs) -> deliver_sm fields or an error.
function MoFields(body, ussd) {
  if (typeof body.from !== 'string' || typeof body.to !== 'string' || typeof body.text !== 'string')
    return { error: 'from, to and text are required strings' };
  const coding = body.coding || 'gsm7';
  let data, dc;
  if (coding === 'gsm7') {
    data = codec.EncodeGsm7(body.text); dc = 0x00;
    if (!data) return { error: 'text has characters outside the GSM 03.38 alphabet; use "coding":"ucs2"' };
  } else if (coding === 'ucs2') {
    data = codec.EncodeUcs2(body.text); dc = 0x08;
  } else {
    return { error: `coding "${coding}" is not gsm7 or ucs2` };
  }
  const src = Address(body.from), dst = Address(body.to);
  const f = {
    service_type: body.service_type || (ussd ? 'USSD' : ''),
    source_addr_ton: src.ton, source_addr_npi: src.npi, source_addr: src.addr,
    dest_addr_ton: dst.ton, dest_addr_npi: dst.npi, destination_addr: dst.addr,
    esm_class: 0, data_coding: dc,
  };
  if (data.length <= 254) f.short_message = data; else f.message_payload = data;
  if (ussd) {
    if (!Number.isInteger(body.ussd_service_op)) return { error: 'ussd_service_op (integer) is required' };
    f.ussd_service_op = body.ussd_service_op;
    if (body.its_session_info !== undefined) {
      const v = body.its_session_info;
      if (Number.isInteger(v)) { f.its_session_info = Buffer.alloc(2); f.its_session_info.writeUInt16BE(v & 0xffff); }
      else if (typeof v === 'string' && /^[0-9a-fA-F]{4}$/.test(v)) f.its_session_info = Buffer.from(v, 'hex');
      else return { error: 'its_session_info: an integer or 4 hex digits' };
    }
  }
  return { fields: f };
}

function Reply(res, code, obj, type) {
  const text = typeof obj === 'string' ? obj : JSON.stringify(obj) + '\n';
  res.writeHead(code, { 'Content-Type': type || 'application/json' });
  res.end(text);
}

function OnMo(res, body, ussd) {
  const r = MoFields(body, ussd);
  if (r.error) return Reply(res, 400, { error: r.error });
  const rx = Receivers(flags['system-id']);
  if (rx.length === 0) return Reply(res, 409, { error: 'no receiver or transceiver session is bound' });
  let answered = false;
  const timer = setTimeout(() => {
    answered = true;
    RecordError(null, `no deliver_sm_resp to the ${ussd ? 'USSD' : 'MO'} deliver_sm within ${flags['mo-timeout-ms']} ms`);
    Reply(res, 504, { error: 'no deliver_sm_resp' });
  }, flags['mo-timeout-ms']);
  const sent = Deliver(flags['system-id'], r.fields, (status, s, resp) => {
    if (answered) return;
    clearTimeout(timer);
    stats.mo++;
    Record({ kind: ussd ? 'ussd' : 'mo', session: s.id, from: body.from, to: body.to, text: body.text, command_status: status, tlvs: ussd ? { ussd_service_op: r.fields.ussd_service_op, its_session_info: r.fields.its_session_info ? codec.hex(r.fields.its_session_info) : undefined } : undefined });
    Reply(res, 200, { command_status: status, sequence_number: resp.sequence_number });
  });
  if (!sent) {
    answered = true;
    clearTimeout(timer);
    Reply(res, 409, { error: 'the receiver session could not be written to' });
  }
}

const control = http.createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (c) => { raw += c; });
  req.on('end', () => {
    const route = `${req.method} ${req.url.split('?')[0]}`;
    if (route === 'GET /stats') return Reply(res, 200, { ...stats, sessions: server.sessions.filter((s) => s.mode).length });
    if (route === 'GET /messages') return Reply(res, 200, lines.map((l) => l + '\n').join(''), 'application/x-ndjson');
    if (route === 'POST /mo' || route === 'POST /ussd') {
      let body;
      try { body = JSON.parse(raw); } catch (e) { return Reply(res, 400, { error: `body is not JSON: ${e.message}` }); }
      if (!body || typeof body !== 'object') return Reply(res, 400, { error: 'body must be a JSON object' });
      return OnMo(res, body, route === 'POST /ussd');
    }
    Reply(res, 404, { error: `no route ${route}; routes: GET /stats, GET /messages, POST /mo, POST /ussd` });
  });
});

// ---- start and stop --------------------------------------------------------
function Shutdown() {
  for (const [key, entry] of parts)
    Record({ kind: 'incomplete', key, missing: entry.texts.map((t, i) => (t === null ? i + 1 : 0)).filter((n) => n) });
  process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
  if (out_fd !== null) fs.closeSync(out_fd);
  process.exit(0);
}
process.on('SIGTERM', Shutdown);
process.on('SIGINT', Shutdown);

server.on('error', (e) => Die(`SMPP listen on ${flags.host}:${flags.port}: ${e.message}`));
control.on('error', (e) => Die(`control listen on ${flags.host}:${flags['control-port']}: ${e.message}`));
server.listen(flags.port, flags.host, () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
  control.listen(flags['control-port'], flags.host, () => {
    process.stdout.write(`CONTROL ${control.address().port}\n`);
  });
});
