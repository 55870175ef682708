#!/usr/bin/env node
'use strict';
// The simulator's own ceiling: binds with the npm package's client and submits
// --count messages keeping --window submit_sm outstanding, prints one JSON
// line {"count","window","resp_delay_ms","seconds","per_second"} per run.
//
//   smsc_bench_client.js --port P [--host H] --count N --window W
//       measures a simulator already running (its own --resp-delay-ms applies);
//   smsc_bench_client.js --count N --window 1,10,50 --resp-delay-ms 0,20
//       without --port: starts a simulator per delay (no out file, no DLRs)
//       and runs every window against it.

const { spawn } = require('child_process');
const path = require('path');
const smpp = require('smpp');

const f = { host: '127.0.0.1', port: '', count: '10000', window: '10', 'resp-delay-ms': '0', 'system-id': 'gateway', password: 'secret' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const key = argv[i].replace(/^--/, '');
  if (!(key in f) || i + 1 >= argv.length) Die(`usage: --port P --count N --window W[,W...] [--resp-delay-ms D[,D...]] [--host H] [--system-id S] [--password P]`);
  f[key] = argv[++i];
}
function Die(msg) { process.stderr.write(`smsc_bench_client: ${msg}\n`); process.exit(2); }
const Ints = (s) => s.split(',').map((x) => { if (!/^\d+$/.test(x)) Die(`not an integer list: ${s}`); return Number(x); });

// One run: bind, keep `window` submits in flight until `count` are answered.
function Run(port, count, window) {
  return new Promise((resolve, reject) => {
    const s = smpp.connect({ host: f.host, port });
    s.on('error', reject);
    s.socket.setNoDelay(true);
    s.on('enquire_link', (pdu) => s.send(pdu.response()));
    s.bind_transmitter({ system_id: f['system-id'], password: f.password }, (r) => {
      if (r.command_status !== 0) return reject(new Error(`bind refused with status ${r.command_status}`));
      let sent = 0, done = 0, refused = 0;
      const start = process.hrtime.bigint();
      const SendOne = () => {
        sent++;
        s.submit_sm({ destination_addr: '84900000000', source_addr: 'BENCH', source_addr_ton: 5, data_coding: 0, short_message: 'Ho so 2026-000123 da duoc tiep nhan' }, (resp) => {
          if (resp.command_status !== 0) refused++;
          if (++done === count) {
            const seconds = Number(process.hrtime.bigint() - start) / 1e9;
            s.close();
            resolve({ count, window, seconds: Number(seconds.toFixed(4)), per_second: Math.round(count / seconds), refused });
          } else if (sent < count) {
            SendOne();
          }
        });
      };
      for (let i = 0; i < Math.min(window, count); i++) SendOne();
    });
  });
}

function StartSim(delay) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'smsc_sim.js'), '--port', '0', '--control-port', '0',
      '--resp-delay-ms', String(delay), '--system-id', f['system-id'], '--password', f.password], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = /LISTENING (\d+)/.exec(buf);
      if (m && /CONTROL \d+/.test(buf)) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

async function Main() {
  const count = Ints(f.count)[0];
  const windows = Ints(f.window);
  if (f.port) {
    for (const w of windows) process.stdout.write(JSON.stringify(await Run(Number(f.port), count, w)) + '\n');
    return;
  }
  for (const delay of Ints(f['resp-delay-ms'])) {
    const sim = await StartSim(delay);
    try {
      for (const w of windows) process.stdout.write(JSON.stringify({ resp_delay_ms: delay, ...(await Run(sim.port, count, w)) }) + '\n');
    } finally {
      sim.child.removeAllListeners('exit');
      sim.child.kill('SIGTERM');
    }
  }
}
Main().then(() => process.exit(0), (e) => Die(e.message));
