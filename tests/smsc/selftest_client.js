#!/usr/bin/env node
'use strict';
// The self test's ESME, built on the npm package's own client (the encoder the
// simulator is checked against). Usage: selftest_client.js SCENARIO PORT
// Prints what it saw; exits 1 with a message on the first surprise.

const smpp = require('smpp');

const [scenario, port] = process.argv.slice(2);
const CREDS = { system_id: 'gateway', password: 'secret' };

function Fail(msg) { process.stderr.write(`selftest_client ${scenario}: ${msg}\n`); process.exit(1); }
function Expect(what, got, want) {
  if (got !== want) Fail(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  process.stdout.write(`ok ${what}\n`);
}
function Connect() {
  const s = smpp.connect({ host: '127.0.0.1', port: Number(port) });
  s.on('error', (e) => Fail(`socket error ${e.message}`));
  return s;
}
const Call = (s, cmd, opts) => new Promise((resolve) => s[cmd](opts, resolve));
const Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A raw submit_sm, for what the package's encoder will not produce
// (sm_length over 254, octets that are not septets).
function RawSubmit(seq, data_coding, sm) {
  const head = Buffer.from([0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
  head.writeUInt32BE(seq, 12);
  const body = Buffer.concat([
    Buffer.from([0, 1, 1]), Buffer.from('84900000001\0', 'latin1'),
    Buffer.from([1, 1]), Buffer.from('84900000002\0', 'latin1'),
    Buffer.from([0, 0, 0, 0, 0, 0, 0, data_coding, 0, Math.min(sm.length, 255)]), sm,
  ]);
  const pdu = Buffer.concat([head, body]);
  pdu.writeUInt32BE(pdu.length, 0);
  return pdu;
}

const scenarios = {
  async 'bind-bad'() {
    let s = Connect();
    let r = await Call(s, 'bind_transceiver', { system_id: 'gateway', password: 'wrong' });
    Expect('bind with a wrong password', r.command_status, smpp.ESME_RINVPASWD);
    s.destroy();
    s = Connect();
    r = await Call(s, 'bind_transmitter', { system_id: 'intruder', password: 'secret' });
    Expect('bind with an unknown system_id', r.command_status, smpp.ESME_RBINDFAIL);
    r = await Call(s, 'submit_sm', { destination_addr: '84900000002', short_message: 'x' });
    Expect('submit_sm before a successful bind', r.command_status, smpp.ESME_RINVBNDSTS);
    s.destroy();
  },

  async main() {
    const s = Connect();
    const dlrs = new Map();
    const mos = [];
    s.on('deliver_sm', (pdu) => {
      s.send(pdu.response());
      if (pdu.esm_class & 0x04) dlrs.set(pdu.receipted_message_id, pdu);
      else mos.push(pdu);
    });
    s.on('enquire_link', (pdu) => s.send(pdu.response()));
    let r = await Call(s, 'bind_transceiver', CREDS);
    Expect('bind_transceiver', r.command_status, 0);

    r = await Call(s, 'submit_sm', {
      source_addr_ton: 5, source_addr: 'DVC', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '84901234567',
      registered_delivery: 1, data_coding: 0, short_message: 'Phi 50€ [ma] ~ok {x}',
    });
    Expect('GSM-7 submit', r.command_status, 0);
    const gsm_id = r.message_id;

    r = await Call(s, 'submit_sm', {
      dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '84901234567', data_coding: 8,
      short_message: 'Hồ sơ đã tiếp nhận',
    });
    Expect('UCS-2 submit', r.command_status, 0);

    const parts = ['Phần một. ', 'Phần hai. ', 'Phần ba.'];
    for (let i = 0; i < 3; i++) {
      r = await Call(s, 'submit_sm', {
        dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '84907654321', data_coding: 8,
        short_message: { udh: Buffer.from([0x05, 0x00, 0x03, 0x2a, 3, i + 1]), message: parts[i] },
      });
      Expect(`concatenated UCS-2 part ${i + 1}/3 (8-bit ref)`, r.command_status, 0);
    }
    for (let i = 0; i < 2; i++) {
      r = await Call(s, 'submit_sm', {
        dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '84907654321', data_coding: 0,
        short_message: { udh: Buffer.from([0x06, 0x08, 0x04, 0x12, 0x34, 2, i + 1]), message: i ? 'second' : 'first ' },
      });
      Expect(`concatenated GSM-7 part ${i + 1}/2 (16-bit ref)`, r.command_status, 0);
    }
    r = await Call(s, 'submit_sm', {
      dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '84907654321', data_coding: 0,
      short_message: { udh: Buffer.from([0x05, 0x00, 0x03, 0x77, 2, 1]), message: 'A'.repeat(153) },
    });
    Expect('153 septets after a 6-octet UDH (part 1 of 2, never completed)', r.command_status, 0);
    r = await Call(s, 'submit_sm', {
      dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '84907654321', data_coding: 0,
      short_message: { udh: Buffer.from([0x05, 0x00, 0x03, 0x78, 2, 1]), message: 'A'.repeat(154) },
    });
    Expect('154 septets after a 6-octet UDH', r.command_status, smpp.ESME_RINVMSGLEN);
    r = await Call(s, 'submit_sm', {
      destination_addr: '84901234567', data_coding: 0, short_message: 'A'.repeat(161),
    });
    Expect('161 septets in one short_message', r.command_status, smpp.ESME_RINVMSGLEN);
    r = await Call(s, 'submit_sm', {
      destination_addr: '84901234567', data_coding: 8, short_message: 'ư'.repeat(71),
    });
    Expect('71 UCS-2 characters (142 octets)', r.command_status, smpp.ESME_RINVMSGLEN);
    r = await Call(s, 'submit_sm', {
      destination_addr: '84901234567', service_type: 'USSD', ussd_service_op: 17,
      its_session_info: Buffer.from([0x07, 0x01]), short_message: 'Ho so 123: da tiep nhan',
    });
    Expect('USSD submit with ussd_service_op', r.command_status, 0);

    // Raw PDUs: the package's answer callbacks are keyed by sequence number.
    const raw = (seq, dc, sm) => new Promise((resolve) => {
      s._callbacks[seq] = resolve;
      s.socket.write(RawSubmit(seq, dc, sm));
    });
    r = await raw(9001, 0, Buffer.alloc(255, 0x41));
    Expect('sm_length 255', r.command_status, smpp.ESME_RINVMSGLEN);
    r = await raw(9002, 0, Buffer.from([0x41, 0x80, 0x42]));
    Expect('octet 0x80 in GSM-7', r.command_status, smpp.ESME_RSUBMITFAIL);
    r = await raw(9003, 0, Buffer.from([0x41, 0x1b, 0x41]));
    Expect('escape to an undefined extension septet', r.command_status, smpp.ESME_RSUBMITFAIL);
    r = await raw(9004, 8, Buffer.from([0x00, 0x41, 0x00]));
    Expect('odd-length UCS-2', r.command_status, smpp.ESME_RSUBMITFAIL);

    for (let i = 0; i < 200 && !dlrs.has(gsm_id); i++) await Sleep(10);
    const dlr = dlrs.get(gsm_id);
    if (!dlr) Fail(`no delivery receipt for ${gsm_id}`);
    Expect('receipt message_state DELIVERED', dlr.message_state, 2);
    Expect('receipt source is the original destination', dlr.source_addr, '84901234567');
    const text = dlr.short_message.message;
    if (!new RegExp(`^id:${gsm_id} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:Phi 50\\? \\?ma\\? \\?ok`).test(text))
      Fail(`receipt text ${JSON.stringify(text)}`);
    process.stdout.write('ok receipt text (Appendix B)\n');

    process.stdout.write('READY\n'); // the shell now sends MO and USSD through the control port
    for (let i = 0; i < 500 && mos.length < 3; i++) await Sleep(10);
    if (mos.length < 3) Fail(`${mos.length} of 3 MO deliver_sm arrived`);
    Expect('MO GSM-7 text', mos[0].short_message.message, 'HS 123 [a] €');
    Expect('MO UCS-2 text', mos[1].short_message.message, 'Tra cứu hồ sơ');
    Expect('USSD ussd_service_op', mos[2].ussd_service_op, 1);
    r = await Call(s, 'unbind', {});
    Expect('unbind', r.command_status, 0);
  },

  async garbage() {
    let s = Connect();
    let r = await Call(s, 'bind_transmitter', CREDS);
    Expect('bind_transmitter', r.command_status, 0);
    const truncated = Buffer.from('00000014000000040000000000001f4100010100', 'hex'); // 4-octet submit_sm body
    r = await new Promise((resolve) => { s._callbacks[0x1f41] = resolve; s.socket.write(truncated); });
    Expect('truncated submit_sm answered', `${r.command}/${r.command_status}`, `submit_sm_resp/${smpp.ESME_RINVCMDLEN}`);
    r = await Call(s, 'submit_sm', { destination_addr: '84900000002', short_message: 'still alive' });
    Expect('the session goes on after it', r.command_status, 0);
    s.destroy();
    s = Connect();
    let closed = false;
    s.on('close', () => { closed = true; });
    const nack = new Promise((resolve) => s.on('generic_nack', resolve));
    s.socket.write(Buffer.from('0000000800000000', 'hex'));
    r = await nack;
    Expect('command_length 8 answered by generic_nack', r.command_status, smpp.ESME_RINVCMDLEN);
    for (let i = 0; i < 300 && !closed; i++) await Sleep(10);
    Expect('and the connection closed', closed, true);
  },

  async drop() { // the simulator runs with --drop-every 3
    const s = Connect();
    let closed = false;
    s.on('close', () => { closed = true; });
    let r = await Call(s, 'bind_transmitter', CREDS);
    Expect('bind_transmitter', r.command_status, 0);
    r = await Call(s, 'submit_sm', { destination_addr: '84900000002', short_message: 'one' });
    Expect('submit before the drop', r.command_status, 0);
    let answered = false;
    s.submit_sm({ destination_addr: '84900000002', short_message: 'two' }, () => { answered = true; });
    for (let i = 0; i < 300 && !closed; i++) await Sleep(10);
    Expect('third PDU dropped the connection', closed, true);
    Expect('third PDU left unanswered', answered, false);
  },

  async throttle() { // the simulator runs with --throttle-every 3 --throttle-for-ms 300
    const s = Connect();
    let r = await Call(s, 'bind_transmitter', CREDS);
    Expect('bind_transmitter', r.command_status, 0);
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      r = await Call(s, 'submit_sm', { destination_addr: '84900000002', short_message: `m${i}` });
      statuses.push(r.command_status);
    }
    Expect('statuses during the window', statuses.join(','), `0,0,0,${0x58},${0x58}`);
    await Sleep(350);
    r = await Call(s, 'submit_sm', { destination_addr: '84900000002', short_message: 'after' });
    Expect('submit after the throttle window', r.command_status, 0);
    s.destroy();
  },
};

if (!scenarios[scenario]) Fail(`unknown scenario; one of ${Object.keys(scenarios).join(', ')}`);
scenarios[scenario]().then(() => process.exit(0), (e) => Fail(e.stack));
