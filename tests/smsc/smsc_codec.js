'use strict';
// Strict SMPP 3.4 / GSM 03.38 (3GPP TS 23.038, 23.040) checks for the SMSC
// simulator. The npm package `smpp` frames PDUs and builds our answers, but it
// decodes leniently (unknown septets become spaces, truncated fields are
// read past), so everything the simulator judges is parsed again here from the
// raw octets, refusing what a real SMSC would refuse.

const smpp = require('smpp');

// SMPP 3.4 command_status values (section 5.1.3) that the simulator answers.
const ST = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RINVPRTFLG: 0x06,
  ESME_RINVREGDLVFLG: 0x07,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RINVSERTYP: 0x15,
  ESME_RINVESMCLASS: 0x43,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RINVSYSTYP: 0x53,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RINVEXPIRY: 0x62,
  ESME_RINVOPTPARSTREAM: 0xc0,
  ESME_ROPTPARNOTALLWD: 0xc1,
  ESME_RINVPARLEN: 0xc2,
};

// GSM 03.38 default alphabet: index = septet value. 0x1B is the escape to the
// extension table (kept as \x1B here, never emitted as text).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1BÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
if (GSM_BASIC.length !== 128) throw new Error('GSM basic table must hold 128 septets');
// GSM 03.38 default extension table (septet after ESC -> character).
const GSM_EXT = {
  0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\',
  0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€',
};
const GSM_ENC = new Map();
for (let i = 0; i < 128; i++) if (i !== 0x1b) GSM_ENC.set(GSM_BASIC[i], [i]);
for (const [k, v] of Object.entries(GSM_EXT)) GSM_ENC.set(v, [0x1b, Number(k)]);

const hex = (b) => Buffer.from(b).toString('hex');

// Unpacked GSM 7-bit (one septet per octet, as SMPP carries data_coding 0).
function DecodeGsm7(buf) {
  let text = '';
  for (let i = 0; i < buf.length; i++) {
    const s = buf[i];
    if (s > 0x7f) return { error: `octet 0x${s.toString(16)} at ${i} is not a GSM 7-bit septet` };
    if (s !== 0x1b) { text += GSM_BASIC[s]; continue; }
    if (i + 1 >= buf.length) return { error: 'GSM escape (0x1b) at the end of the message' };
    const e = buf[++i];
    if (!(e in GSM_EXT)) return { error: `GSM escape followed by 0x${e.toString(16)}, not in the extension table` };
    text += GSM_EXT[e];
  }
  return { text };
}

// Text -> unpacked GSM septets; null when a character has no GSM 03.38 code.
function EncodeGsm7(text) {
  const out = [];
  for (const ch of text) {
    const code = GSM_ENC.get(ch);
    if (!code) return null;
    out.push(...code);
  }
  return Buffer.from(out);
}

function DecodeUcs2(buf) {
  if (buf.length % 2) return { error: `UCS-2 message of odd length ${buf.length}` };
  const units = [];
  for (let i = 0; i < buf.length; i += 2) units.push(buf.readUInt16BE(i));
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u >= 0xd800 && u <= 0xdbff) {
      if (!(i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff))
        return { error: `unpaired high surrogate at UCS-2 unit ${i}` };
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return { error: `unpaired low surrogate at UCS-2 unit ${i}` };
    }
  }
  return { text: String.fromCharCode(...units) };
}

function EncodeUcs2(text) {
  const b = Buffer.from(text, 'utf16le');
  b.swap16();
  return b;
}

function DecodeIa5(buf) {
  for (let i = 0; i < buf.length; i++)
    if (buf[i] > 0x7f) return { error: `octet 0x${buf[i].toString(16)} at ${i} is not IA5` };
  return { text: buf.toString('latin1') };
}

const DecodeBinary = () => ({ text: null });
const DecodeLatin1 = (buf) => ({ text: buf.toString('latin1') });

// data_coding -> how the SMSC reads the user data. `septets` marks 7-bit
// codings, whose 140-octet TPDU holds 160 septets. Anything else is refused.
const CODINGS = new Map([
  [0x00, { name: 'gsm7', decode: DecodeGsm7, septets: true }],
  [0x01, { name: 'ia5', decode: DecodeIa5, septets: true }],
  [0x02, { name: 'binary', decode: DecodeBinary }],
  [0x03, { name: 'latin1', decode: DecodeLatin1 }],
  [0x04, { name: 'binary', decode: DecodeBinary }],
  [0x08, { name: 'ucs2', decode: DecodeUcs2 }],
]);
for (let dc = 0xf0; dc <= 0xf7; dc++) // GSM message-class codings
  CODINGS.set(dc, dc & 0x04 ? { name: 'binary', decode: DecodeBinary } : { name: 'gsm7', decode: DecodeGsm7, septets: true });

// A reader over the raw PDU body that reports the first violation.
class Reader {
  constructor(buf) { this.buf = buf; this.off = 16; this.end = buf.length; }
  int8() {
    if (this.off + 1 > this.end) throw new PduError(ST.ESME_RINVCMDLEN, 'PDU truncated');
    return this.buf[this.off++];
  }
  // C-Octet String of at most `max` octets including the NUL.
  cstring(field, max, status, exact) {
    const nul = this.buf.indexOf(0, this.off);
    if (nul < 0 || nul >= this.end) throw new PduError(ST.ESME_RINVCMDLEN, `${field}: no NUL before the end of the PDU`);
    const len = nul - this.off + 1;
    if (len > max) throw new PduError(status, `${field}: ${len} octets with NUL, at most ${max}`);
    if (exact && len !== 1 && len !== exact)
      throw new PduError(status, `${field}: ${len} octets with NUL, must be 1 or ${exact}`);
    const s = this.buf.toString('latin1', this.off, nul);
    this.off = nul + 1;
    return s;
  }
  octets(n) {
    if (this.off + n > this.end) throw new PduError(ST.ESME_RINVCMDLEN, 'PDU truncated');
    const b = this.buf.subarray(this.off, this.off + n);
    this.off += n;
    return b;
  }
  // TLVs up to the end; named with the package's own table where known.
  tlvs() {
    const out = [];
    while (this.off < this.end) {
      if (this.off + 4 > this.end) throw new PduError(ST.ESME_RINVOPTPARSTREAM, 'TLV header truncated');
      const tag = this.buf.readUInt16BE(this.off);
      const len = this.buf.readUInt16BE(this.off + 2);
      this.off += 4;
      if (this.off + len > this.end)
        throw new PduError(ST.ESME_RINVOPTPARSTREAM, `TLV 0x${tag.toString(16)} length ${len} runs past the PDU`);
      out.push({ tag, value: this.buf.subarray(this.off, this.off + len) });
      this.off += len;
    }
    return out;
  }
}

class PduError extends Error {
  constructor(status, reason) { super(reason); this.status = status; }
}

const FIXED_TLV_SIZE = { int8: 1, int16: 2, int32: 4 };
function TlvTypeName(def) {
  for (const [n, t] of Object.entries(smpp.types.tlv)) if (t === def.type) return n;
  return 'buffer';
}

// TLV list -> {name: value} (numbers for integer TLVs, text for C strings,
// hex otherwise); refuses integer TLVs of the wrong size.
function NameTlvs(list) {
  const named = {};
  for (const { tag, value } of list) {
    const def = smpp.tlvsById[tag];
    const name = def ? def.tag : `0x${tag.toString(16).padStart(4, '0')}`;
    const type = def ? TlvTypeName(def) : 'buffer';
    if (type in FIXED_TLV_SIZE) {
      if (value.length !== FIXED_TLV_SIZE[type])
        throw new PduError(ST.ESME_RINVPARLEN, `TLV ${name}: length ${value.length}, must be ${FIXED_TLV_SIZE[type]}`);
      named[name] = value.readUIntBE(0, value.length);
    } else if (type === 'cstring') {
      named[name] = value.toString('latin1').replace(/\0$/, '');
    } else {
      named[name] = hex(value);
    }
  }
  return named;
}

// Strict bind_* body. Returns {system_id, password, system_type, interface_version}.
function ParseBind(raw) {
  const r = new Reader(raw);
  const b = {
    system_id: r.cstring('system_id', 16, ST.ESME_RINVSYSID),
    password: r.cstring('password', 9, ST.ESME_RINVPASWD),
    system_type: r.cstring('system_type', 13, ST.ESME_RINVSYSTYP),
    interface_version: r.int8(),
    addr_ton: r.int8(),
    addr_npi: r.int8(),
    address_range: r.cstring('address_range', 41, ST.ESME_RINVPARLEN),
  };
  if (r.off !== r.end) throw new PduError(ST.ESME_RINVCMDLEN, `${r.end - r.off} octets after address_range`);
  return b;
}

// Parses a UDH (first octet = UDHL). Returns {udh, concat?} or throws.
function ParseUdh(data) {
  if (data.length < 1) throw new PduError(ST.ESME_RINVESMCLASS, 'UDHI set but the message is empty');
  const udhl = data[0];
  if (udhl + 1 > data.length) throw new PduError(ST.ESME_RINVESMCLASS, `UDHL ${udhl} runs past the message`);
  let off = 1, concat = null;
  while (off < udhl + 1) {
    if (off + 2 > udhl + 1) throw new PduError(ST.ESME_RINVESMCLASS, 'UDH information element header truncated');
    const iei = data[off], iel = data[off + 1];
    if (off + 2 + iel > udhl + 1) throw new PduError(ST.ESME_RINVESMCLASS, `UDH IE 0x${iei.toString(16)} runs past UDHL`);
    const v = data.subarray(off + 2, off + 2 + iel);
    if (iei === 0x00 || iei === 0x08) {
      const want = iei === 0x00 ? 3 : 4;
      if (iel !== want) throw new PduError(ST.ESME_RINVESMCLASS, `concatenation IE 0x0${iei} length ${iel}, must be ${want}`);
      const ref = iei === 0x00 ? v[0] : v.readUInt16BE(0);
      const total = v[want - 2], seq = v[want - 1];
      if (total === 0 || seq === 0 || seq > total)
        throw new PduError(ST.ESME_RINVESMCLASS, `concatenation part ${seq} of ${total} is not valid`);
      concat = { ref, total, seq, bits: iei === 0x00 ? 8 : 16 };
    }
    off += 2 + iel;
  }
  return { udh: data.subarray(0, udhl + 1), concat };
}

// Strict submit_sm: mandatory fields (section 4.4.1), TLVs, the user data
// decoded by data_coding, and whether it fits one SMS TPDU (140 octets).
function ParseSubmit(raw) {
  const r = new Reader(raw);
  const m = {};
  m.service_type = r.cstring('service_type', 6, ST.ESME_RINVSERTYP);
  m.source_addr_ton = r.int8();
  m.source_addr_npi = r.int8();
  m.source_addr = r.cstring('source_addr', 21, ST.ESME_RINVSRCADR);
  m.dest_addr_ton = r.int8();
  m.dest_addr_npi = r.int8();
  m.destination_addr = r.cstring('destination_addr', 21, ST.ESME_RINVDSTADR);
  m.esm_class = r.int8();
  m.protocol_id = r.int8();
  m.priority_flag = r.int8();
  m.schedule_delivery_time = r.cstring('schedule_delivery_time', 17, ST.ESME_RINVSCHED, 17);
  m.validity_period = r.cstring('validity_period', 17, ST.ESME_RINVEXPIRY, 17);
  m.registered_delivery = r.int8();
  m.replace_if_present_flag = r.int8();
  m.data_coding = r.int8();
  m.sm_default_msg_id = r.int8();
  const sm_length = r.int8();
  if (sm_length > 254) throw new PduError(ST.ESME_RINVMSGLEN, `sm_length ${sm_length}, at most 254`);
  const sm = r.octets(sm_length);
  const tlv_list = r.tlvs();

  if (m.destination_addr === '') throw new PduError(ST.ESME_RINVDSTADR, 'destination_addr is empty');
  if (m.dest_addr_ton === 1 && !/^\d{1,15}$/.test(m.destination_addr))
    throw new PduError(ST.ESME_RINVDSTADR, `international destination_addr "${m.destination_addr}" is not 1-15 digits`);
  if (m.source_addr_ton === 5 && m.source_addr.length > 11)
    throw new PduError(ST.ESME_RINVSRCADR, `alphanumeric source_addr "${m.source_addr}" longer than 11 characters`);
  if ((m.esm_class & 0x3c) !== 0) throw new PduError(ST.ESME_RINVESMCLASS, `esm_class 0x${m.esm_class.toString(16)}: message type bits set in a submit_sm`);
  if (m.priority_flag > 3) throw new PduError(ST.ESME_RINVPRTFLG, `priority_flag ${m.priority_flag}`);
  if ((m.registered_delivery & 0x03) === 0x03) throw new PduError(ST.ESME_RINVREGDLVFLG, `registered_delivery 0x${m.registered_delivery.toString(16)}`);

  m.tlvs = NameTlvs(tlv_list);
  let data = sm;
  if ('message_payload' in m.tlvs) {
    if (sm_length !== 0) throw new PduError(ST.ESME_ROPTPARNOTALLWD, 'message_payload together with a non-empty short_message');
    data = Buffer.from(m.tlvs.message_payload, 'hex');
    m.payload_octets = data.length;
    delete m.tlvs.message_payload;
  }

  const coding = CODINGS.get(m.data_coding);
  if (!coding) throw new PduError(ST.ESME_RSUBMITFAIL, `data_coding 0x${m.data_coding.toString(16)} not supported`);
  let body = data;
  m.concat = null;
  if (m.esm_class & 0x40) {
    const u = ParseUdh(data);
    m.udh = hex(u.udh);
    m.concat = u.concat;
    body = data.subarray(u.udh.length);
  }
  if (!m.concat && 'sar_msg_ref_num' in m.tlvs) {
    const total = m.tlvs.sar_total_segments, seq = m.tlvs.sar_segment_seqnum;
    if (!total || !seq || seq > total) throw new PduError(ST.ESME_RINVOPTPARSTREAM, `sar part ${seq} of ${total} is not valid`);
    m.concat = { ref: m.tlvs.sar_msg_ref_num, total, seq, bits: 'sar' };
  }
  const dec = coding.decode(body);
  if (dec.error) throw new PduError(ST.ESME_RSUBMITFAIL, `data_coding 0x${m.data_coding.toString(16)} (${coding.name}): ${dec.error}`);
  m.text = dec.text;
  if (dec.text === null) m.data = hex(body);
  m.coding = coding.name;

  // One TPDU carries 140 octets of user data; message_payload is segmented by the SMSC.
  if (!('payload_octets' in m)) {
    const udh_octets = data.length - body.length;
    if (coding.septets) {
      const room = 160 - Math.ceil((udh_octets * 8) / 7);
      if (body.length > room) throw new PduError(ST.ESME_RINVMSGLEN, `${body.length} septets, one SMS holds ${room} after a ${udh_octets}-octet UDH`);
    } else if (data.length > 140) {
      throw new PduError(ST.ESME_RINVMSGLEN, `${data.length} octets of user data, one SMS holds 140`);
    }
  }
  return m;
}

// Body checks for the responses an ESME sends us (section 4).
function CheckResponseBody(raw, command) {
  const status = raw.readUInt32BE(8);
  const body = raw.length - 16;
  if (status !== 0) return null;
  if (command === 'deliver_sm_resp' && !(body === 1 && raw[16] === 0))
    return `deliver_sm_resp body must be the NULL message_id (1 octet), got ${body} octets`;
  if ((command === 'enquire_link_resp' || command === 'unbind_resp') && body !== 0)
    return `${command} must have no body, got ${body} octets`;
  return null;
}

module.exports = {
  ST, DecodeGsm7, EncodeGsm7, DecodeUcs2, EncodeUcs2, ParseBind, ParseSubmit, ParseUdh,
  CheckResponseBody, PduError, hex,
};
