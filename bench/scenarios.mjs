// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the scenarios of docs/performance.md against Parley and the socket.io peer, each on a
// fresh server on a free loopback port with a temporary data directory, and prints and writes
// every figure side by side with the ratio. Started by bench/run, which builds what it needs.
//
// Every stage is bounded: each server start, bench process and fill has a deadline, after which
// it is killed and the figure is reported as missing.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillHistory } from './fill-history.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { only: null, servers: ['parley', 'socketio'] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--server-bin': args.serverBin = value; i++; break;
      case '--bench-bin': args.benchBin = value; i++; break;
      case '--peer-dir': args.peerDir = value; i++; break;
      case '--results': args.results = value; i++; break;
      case '--only': args.only = value.split(','); i++; break;
      case '--servers': args.servers = value.split(','); i++; break;
      case '--app-bin': args.appBin = value; i++; break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  for (const key of ['serverBin', 'benchBin', 'peerDir', 'results'])
    if (!args[key]) throw new Error(`--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} is required`);
  return args;
}

const quick = process.env.BENCH_QUICK === '1';
// Durations and sizes; BENCH_QUICK=1 shortens everything for a first look (a few minutes).
const plan = quick
  ? { idle: 4000, idleUsers: 40, hold: 2, duration: 8, stepDuration: 4, idleE: 3000, historySize: 100000,
      historyRequests: 500, burstAt: 4, drain: 5 }
  : { idle: 19900, idleUsers: 200, hold: 5, duration: 30, stepDuration: 10, idleE: 10000, historySize: 1000000,
      historyRequests: 2000, burstAt: 10, drain: 10 };
plan.appMessages = 20000;
plan.appStarts = quick ? 2 : 5;
plan.appScrollTimeout = 300;

const Limits = [
  'message-burst=1000000', 'messages-per-second=1000000', 'connections-per-address=1000000',
  'registrations-per-address=1000000', 'login-attempts-per-address=1000000', 'login-failures-per-account=1000000',
];

function log(line) {
  process.stdout.write(line + '\n');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Starts a server and resolves once it says where it listens (at most 60 s).
function startServer(kind, args, dataDir) {
  const command = kind === 'parley'
    ? [args.serverBin, ['--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir, ...Limits.flatMap((l) => ['--limit', l])]]
    : [process.execPath, [path.join(args.peerDir, 'server.js'), '--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir,
        '--synchronous', process.env.BENCH_PEER_SYNC || 'normal']];
  const env = { ...process.env, PARLEY_CONFIG: '', QT_LOGGING_RULES: 'parley.*.info=false;parley.server.info=true' };
  for (const key of Object.keys(env)) if (key.startsWith('PARLEY_') && key !== 'PARLEY_CONFIG') delete env[key];
  const child = spawn(command[0], command[1], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${kind} did not start within 60 s: ${text}`)); }, 60000);
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const match = /listening on wss?:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (match && !child.port) {
        clearTimeout(timer);
        child.port = Number(match[1]);
        resolve({ kind, child, port: child.port, pid: child.pid, dataDir });
      }
      if (text.length > 100000) text = text.slice(-10000);
    });
    child.on('exit', (code) => { clearTimeout(timer); if (!child.port) reject(new Error(`${kind} exited (${code}): ${text}`)); });
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 15000);
    server.child.once('exit', () => { clearTimeout(timer); resolve(); });
    server.child.kill('SIGTERM');
  });
}

// Runs parley-bench against a server and returns its JSON report (null when it failed).
function runBench(args, server, benchArgs, label, timeoutSeconds) {
  const json = path.join(server.dataDir, `..`, `${label}.json`);
  const argv = ['--server', server.kind, '--port', String(server.port), '--server-pid', String(server.pid),
    '--label', label, '--json', json, '--drain', String(plan.drain), ...benchArgs];
  log(`  $ parley-bench ${argv.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(args.benchBin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => { log(`  ! ${label}: no result within ${timeoutSeconds} s, stopped`); child.kill('SIGKILL'); }, timeoutSeconds * 1000);
    const relay = (chunk) => { for (const line of String(chunk).split('\n')) if (line) log(`    ${line}`); };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('exit', () => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(fs.readFileSync(json, 'utf8'));
        resolve(report.ok ? report : (log(`  ! ${label}: ${report.error}`), report));
      } catch {
        resolve(null);
      }
    });
  });
}

// One scenario against one kind of server: a fresh server, the runs, the server stopped.
async function scenario(kind, args, name, body) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `parley-bench-${kind}-${name}-`));
  const dataDir = path.join(base, 'data');
  let server = await startServer(kind, args, dataDir);
  const restart = async () => {
    await stopServer(server);
    server = await startServer(kind, args, dataDir);
    return server;
  };
  try {
    return await body(() => server, restart, base);
  } catch (error) {
    log(`  ! ${kind} ${name}: ${error.message}`);
    return null;
  } finally {
    await stopServer(server);
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const scenarios = {
  // (a) idle authenticated connections up to the file limit, and the server's RSS for each.
  a: (kind, args) => scenario(kind, args, 'a', (server) => runBench(args, server(), [
    '--idle', String(plan.idle), '--idle-users', String(plan.idleUsers), '--processes', '2',
    '--hold', String(plan.hold)], `${kind}-a`, 900)),
  // (b) 1:1 chats, 2,000 messages/s.
  b: (kind, args) => scenario(kind, args, 'b', (server) => runBench(args, server(), [
    '--users', '200', '--chat', 'direct', '--rate', '2000', '--duration', String(plan.duration)], `${kind}-b`, 600)),
  // (c) one group of 100 at 100 messages/s, then the same shape at higher rates.
  c: (kind, args) => scenario(kind, args, 'c', async (server) => ({
    base: await runBench(args, server(), ['--users', '100', '--chat', 'group', '--group-size', '100', '--rate', '100',
      '--duration', String(plan.duration)], `${kind}-c`, 600),
    high: await runBench(args, server(), ['--users', '100', '--chat', 'group', '--group-size', '100',
      '--rates', '500,1000,2000,4000', '--duration', String(plan.stepDuration), '--stop-above-p99-ms', '5000'],
    `${kind}-c-high`, 900),
  })),
  // (d) the highest rate of stored and delivered messages before p99 passes 50 ms.
  d: (kind, args) => scenario(kind, args, 'd', (server) => runBench(args, server(), [
    '--users', '200', '--chat', 'direct', '--rates', '250,500,1000,2000,5000,10000,15000,20000',
    '--duration', String(plan.stepDuration), '--stop-above-p99-ms', '50'], `${kind}-d`, 1200)),
  // (e) one active pair while 10,000 idle connections are held.
  e: (kind, args) => scenario(kind, args, 'e', (server) => runBench(args, server(), [
    '--users', '2', '--chat', 'direct', '--idle', String(plan.idleE), '--idle-users', '100', '--processes', '1',
    '--rate', '100', '--duration', String(plan.duration)], `${kind}-e`, 600)),
  // (f) message.history pages of 50 in a chat of 1,000,000 messages.
  f: (kind, args) => scenario(kind, args, 'f', async (server, restart, base) => {
    const setupFile = path.join(base, 'setup.json');
    await runBench(args, server(), ['--users', '2', '--chat', 'direct', '--save-setup', setupFile], `${kind}-f-setup`, 120);
    const setup = JSON.parse(fs.readFileSync(setupFile, 'utf8'));
    await stopServer(server());
    const database = path.join(server().dataDir, kind === 'parley' ? 'parley.db' : 'peer.db');
    const started = Date.now();
    const last = fillHistory(kind, database, setup.chats[0].id, setup.users[0].id, setup.users[1].id, plan.historySize);
    log(`  filled ${plan.historySize} messages into ${kind}'s chat in ${((Date.now() - started) / 1000).toFixed(1)} s (last ${last})`);
    await restart();
    const report = await runBench(args, server(), ['--load-setup', setupFile, '--history-requests', String(plan.historyRequests),
      '--history-size', String(plan.historySize)], `${kind}-f`, 600);
    return report;
  }),
  // (g) a burst of 200 logins during (b).
  g: (kind, args) => scenario(kind, args, 'g', (server) => runBench(args, server(), [
    '--users', '200', '--chat', 'direct', '--rate', '2000', '--duration', String(plan.duration),
    '--login-burst', '200', '--login-burst-at', String(plan.burstAt)], `${kind}-g`, 600)),
};


// Runs parley-appbench offscreen and returns its JSON figures (null when it failed).
function runApp(args, appArgs, label, timeoutSeconds) {
  log(`  $ QT_QPA_PLATFORM=offscreen parley-appbench ${appArgs.join(' ')}`);
  return new Promise((resolve) => {
    const env = { ...process.env, QT_QPA_PLATFORM: 'offscreen', QT_QUICK_BACKEND: process.env.QT_QUICK_BACKEND ?? 'software' };
    const spawnedNs = process.hrtime.bigint(); // CLOCK_MONOTONIC, as the probe's timestamps
    const child = spawn(args.appBin, appArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { log(`  ! ${label}: no result within ${timeoutSeconds} s, stopped`); child.kill('SIGKILL'); }, timeoutSeconds * 1000);
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; if (err.length > 20000) err = err.slice(-5000); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      try {
        const figures = JSON.parse(out);
        figures.spawnedNs = Number(spawnedNs);
        if (!figures.ok) log(`  ! ${label}: ${figures.error ?? 'failed'} (exit ${code}) ${err.split('\n').slice(-5).join(' | ')}`);
        resolve(figures);
      } catch {
        log(`  ! ${label}: no figures (exit ${code}) ${err.split('\n').slice(-5).join(' | ')}`);
        resolve(null);
      }
    });
  });
}

// The app's figures: one account in 50 chats, one of them 20,000 messages long.
async function appScenario(args) {
  if (!args.appBin || !fs.existsSync(args.appBin)) {
    log('  (app) parley-appbench was not built (the app needs the Qt Quick packages): no app figures');
    return null;
  }
  return scenario('parley', args, 'app', async (server, restart, base) => {
    const setupFile = path.join(base, 'setup.json');
    await runBench(args, server(), ['--users', '51', '--chat', 'star', '--save-setup', setupFile], 'parley-app-setup', 300);
    const setup = JSON.parse(fs.readFileSync(setupFile, 'utf8'));
    const chat = setup.chats[0];
    await stopServer(server());
    fillHistory('parley', path.join(server().dataDir, 'parley.db'), chat.id, setup.users[chat.members[0]].id,
      setup.users[chat.members[1]].id, plan.appMessages);
    log(`  filled ${plan.appMessages} messages into chat ${chat.id}`);
    await restart();
    const state = path.join(base, 'app-state');
    fs.mkdirSync(state, { recursive: true });
    const prepared = await runApp(args, ['--state', state, '--prepare', '--server', `ws://127.0.0.1:${server().port}`,
      '--email', setup.users[0].email, '--password', 'bench-password-1'], 'app-prepare', 120);
    if (!prepared?.ok) return null;
    const starts = [];
    for (let i = 0; i < plan.appStarts; i++) {
      const run = await runApp(args, ['--state', state, '--expect-chats', '50'], `app-start-${i + 1}`, 120);
      if (run?.ok) starts.push(run);
    }
    const scroll = await runApp(args, ['--state', state, '--expect-chats', '50', '--scroll-chat', chat.id,
      '--timeout', String(plan.appScrollTimeout)], 'app-scroll', plan.appScrollTimeout + 30);
    const median = (values) => { const v = [...values].sort((a, b) => a - b); return v.length ? v[Math.floor(v.length / 2)] : undefined; };
    const sinceSpawn = (run, key) => (run[key] - run.spawnedNs) / 1e6;
    const result = {
      starts: starts.length, runs: starts, scrollRun: scroll,
      coldStartMs: median(starts.map((r) => sinceSpawn(r, 'chatPageFrameMonotonicNs'))),
      firstColdStartMs: starts.length ? sinceSpawn(starts[0], 'chatPageFrameMonotonicNs') : undefined,
      chatsListedMs: median(starts.map((r) => sinceSpawn(r, 'chatsFrameMonotonicNs'))),
      rssIdleKiB: median(starts.map((r) => r.rssIdleKiB)),
      rssAfterScrollKiB: scroll?.ok ? scroll.rssAfterScrollKiB : undefined,
      scrollSeconds: scroll?.ok ? scroll.scrollSeconds : undefined,
      messages: plan.appMessages,
    };
    log(`  app: cold start ${result.coldStartMs?.toFixed(0)} ms (first ${result.firstColdStartMs?.toFixed(0)} ms), ` +
      `50 chats listed ${result.chatsListedMs?.toFixed(0)} ms, RSS idle ${(result.rssIdleKiB / 1024).toFixed(1)} MiB, ` +
      `after scrolling ${result.rssAfterScrollKiB ? (result.rssAfterScrollKiB / 1024).toFixed(1) : '—'} MiB`);
    return result;
  });
}

// ---- figures ----

const step = (report, i = 0) => report?.steps?.[i];
const p99 = (s) => s?.deliveryMs?.p99;
// A step whose server did not keep up: under 95% of the target acknowledged, or deliveries lost.
const saturated = (s) => !!s && (s.ackedPerSecond < 0.95 * s.targetRate || s.lostDeliveries > 0);

// The highest rate whose step kept p99 ≤ 50 ms and acknowledged at least 95% of the target.
function sustained(report) {
  let best = null;
  for (const s of report?.steps ?? []) {
    if (s.deliveryMs.p99 <= 50 && s.ackedPerSecond >= 0.95 * s.targetRate && s.lostDeliveries === 0)
      best = Math.max(best ?? 0, s.ackedPerSecond);
  }
  return best ?? (report ? 0 : undefined);
}

function maxOf(report, pick) {
  const values = (report?.steps ?? []).map(pick).filter((v) => v !== undefined);
  return values.length ? Math.max(...values) : undefined;
}

const figures = [
  { id: 'a.held', scenario: 'a', name: '(a) idle authenticated connections held', unit: 'connections', better: 'higher',
    target: '≈19,900 (the file limit)', pick: (r) => r?.idle?.openAtEnd },
  { id: 'a.rss', scenario: 'a', name: '(a) server RSS per idle connection', unit: 'KiB', better: 'lower',
    target: '≤ 12 KiB', pick: (r) => r?.idle && r.idle.serverRssPerConnectionBytes / 1024 },
  { id: 'a.connect', scenario: 'a', name: '(a) connection setup rate (connect + authenticate)', unit: 'connections/s',
    better: 'higher', pick: (r) => r?.idle?.connectionsPerSecond },
  { id: 'b.p99', saturated: (r) => saturated(step(r)), scenario: 'b', name: '(b) 1:1 chats at 2,000 msg/s: delivery p99', unit: 'ms', better: 'lower',
    target: '≤ 5 ms', pick: (r) => p99(step(r)) },
  { id: 'b.p50', saturated: (r) => saturated(step(r)), scenario: 'b', name: '(b) 1:1 chats at 2,000 msg/s: delivery p50', unit: 'ms', better: 'lower',
    pick: (r) => step(r)?.deliveryMs?.p50 },
  { id: 'b.acked', saturated: (r) => saturated(step(r)), scenario: 'b', name: '(b) 1:1 chats at 2,000 msg/s: acknowledged', unit: 'msg/s', better: 'higher',
    target: '2,000', pick: (r) => step(r)?.ackedPerSecond },
  { id: 'c.deliveries', saturated: (r) => saturated(step(r?.base)), scenario: 'c', name: '(c) group of 100 at 100 msg/s: deliveries', unit: 'deliveries/s',
    better: 'higher', target: '9,900', pick: (r) => step(r?.base)?.deliveriesPerSecond },
  { id: 'c.p99', saturated: (r) => saturated(step(r?.base)), scenario: 'c', name: '(c) group of 100 at 100 msg/s: delivery p99', unit: 'ms', better: 'lower',
    pick: (r) => p99(step(r?.base)) },
  { id: 'c.max', scenario: 'c', name: '(c) group of 100, higher rates: most deliveries/s', unit: 'deliveries/s',
    better: 'higher', target: '≥ 200,000', pick: (r) => maxOf(r?.high, (s) => s.deliveriesPerSecond) },
  { id: 'd.rate', scenario: 'd', name: '(d) highest rate stored and delivered with p99 ≤ 50 ms', unit: 'msg/s',
    better: 'higher', target: '≥ 10,000', pick: (r) => sustained(r) },
  { id: 'e.p99', saturated: (r) => saturated(step(r)), scenario: 'e', name: '(e) one active pair beside idle connections: p99', unit: 'ms', better: 'lower',
    target: '≤ 5 ms', pick: (r) => p99(step(r)) },
  { id: 'e.idle', scenario: 'e', name: '(e) idle connections held meanwhile', unit: 'connections', better: 'higher',
    pick: (r) => r?.idle?.openAtEnd },
  { id: 'f.p99', scenario: 'f', name: '(f) history page of 50 in a long chat: p99', unit: 'ms', better: 'lower',
    target: '≤ 5 ms', pick: (r) => r?.history?.pageMs?.p99 },
  { id: 'f.p50', scenario: 'f', name: '(f) history page of 50 in a long chat: p50', unit: 'ms', better: 'lower',
    pick: (r) => r?.history?.pageMs?.p50 },
  { id: 'g.degradation', saturated: (r) => saturated(step(r)), scenario: 'g', name: '(g) 200 logins during (b): p99 during / before', unit: '×', better: 'lower',
    target: '< 2×', pick: (r) => step(r)?.loginBurst?.p99Degradation },
  { id: 'g.p99', saturated: (r) => saturated(step(r)), scenario: 'g', name: '(g) delivery p99 while the logins run', unit: 'ms', better: 'lower',
    pick: (r) => step(r)?.loginBurst?.deliveryMsDuring?.p99 },
  { id: 'g.logins', scenario: 'g', name: '(g) time to complete the 200 logins', unit: 's', better: 'lower',
    pick: (r) => step(r)?.loginBurst?.seconds },
  { id: 'app.coldStart', scenario: 'app', name: 'app: cold start to the first frame of the chat page', unit: 'ms',
    better: 'lower', pick: (r) => r?.coldStartMs },
  { id: 'app.chats', scenario: 'app', name: 'app: cold start to the frame with all 50 chats listed', unit: 'ms',
    better: 'lower', pick: (r) => r?.chatsListedMs },
  { id: 'app.rssIdle', scenario: 'app', name: 'app: RSS idle with 50 chats', unit: 'MiB', better: 'lower',
    pick: (r) => r?.rssIdleKiB && r.rssIdleKiB / 1024 },
  { id: 'app.rssScrolled', scenario: 'app', name: 'app: RSS after scrolling a chat of 20,000 messages top to bottom',
    unit: 'MiB', better: 'lower', pick: (r) => r?.rssAfterScrollKiB && r.rssAfterScrollKiB / 1024 },
  { id: 'app.scroll', scenario: 'app', name: 'app: time to scroll those 20,000 messages up and down', unit: 's',
    better: 'lower', pick: (r) => r?.scrollSeconds },
];

// How many times better Parley is (> 1: Parley better), when both figures exist.
function ratio(figure, parley, peer) {
  if (parley === undefined || peer === undefined || parley === null || peer === null) return undefined;
  if (figure.better === 'higher') return peer > 0 ? parley / peer : undefined;
  return parley > 0 ? peer / parley : undefined;
}

function format(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (unit === 'ms' || unit === '×' || unit === 's' || unit === 'KiB' || unit === 'MiB')
    return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
  return Math.round(value).toLocaleString('en-US');
}

function clientCpuMax(results) {
  let max = 0;
  const visit = (report) => {
    if (!report || typeof report !== 'object') return;
    for (const s of report.steps ?? []) max = Math.max(max, s.client?.cpuPercent ?? 0);
    for (const value of Object.values(report)) if (value && typeof value === 'object' && !Array.isArray(value)) visit(value);
  };
  Object.values(results).forEach(visit);
  return max;
}

function serverCpuMax(results) {
  let max = 0;
  const visit = (report) => {
    if (!report || typeof report !== 'object') return;
    for (const s of report.steps ?? []) max = Math.max(max, s.server?.cpuPercent ?? 0);
    for (const value of Object.values(report)) if (value && typeof value === 'object' && !Array.isArray(value)) visit(value);
  };
  Object.values(results).forEach(visit);
  return max;
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(),
    node: process.version,
    fileLimit: (() => { try { return execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim(); } catch { return 'unknown'; } })(),
    loadAverage: os.loadavg().map((v) => +v.toFixed(2)),
  };
}

function table(rows) {
  const header = ['figure', 'Parley', 'socket.io peer', 'ratio', 'target'];
  const value = (v, unit, flagged) => format(v, unit) + (flagged ? ' *' : '');
  const lines = rows.map((r) => [r.name + (r.unit ? ` (${r.unit})` : ''), value(r.parley, r.unit, r.parleySaturated),
    value(r.peer, r.unit, r.peerSaturated),
    r.ratio === undefined ? '—' : `${r.ratio.toFixed(r.ratio < 10 ? 2 : 1)}×`, r.target ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const text = [header, widths.map((w) => '-'.repeat(w)), ...lines]
    .map((l) => l.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
    .join('\n');
  const markdown = ['| ' + header.join(' | ') + ' |', '|' + header.map((_, i) => (i === 0 || i === 4 ? '---|' : '---:|')).join(''),
    ...lines.map((l) => '| ' + l.join(' | ') + ' |')].join('\n');
  return { text, markdown };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const names = (args.only ?? [...Object.keys(scenarios), 'app']).filter((n) => scenarios[n] || n === 'app');
  const started = new Date();
  const before = machine();
  log(`parley bench: scenarios ${names.join(', ')} against ${args.servers.join(' and ')}${quick ? ' (BENCH_QUICK=1)' : ''}`);
  log(`machine: ${before.nproc} cores (${before.cpuModel}), ${before.memoryGiB} GiB, load average ${before.loadAverage.join(' ')}`);
  const results = { parley: {}, socketio: {} };
  for (const name of names) {
    if (name === 'app') {
      if (!args.servers.includes('parley')) continue;
      log('\n== (app) the Parley desktop app, offscreen');
      results.parley.app = await appScenario(args);
      continue;
    }
    for (const kind of args.servers) {
      log(`\n== (${name}) ${kind}`);
      const t0 = Date.now();
      results[kind][name] = await scenarios[name](kind, args);
      log(`  (${name}) ${kind}: ${((Date.now() - t0) / 1000).toFixed(0)} s, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);
      await sleep(1000);
    }
  }
  // A partial run (--only) updates its scenarios in the latest results and keeps the others.
  const latestFile = path.join(args.results, 'latest.json');
  let shown = names;
  if (args.only && fs.existsSync(latestFile)) {
    try {
      const previous = JSON.parse(fs.readFileSync(latestFile, 'utf8'));
      for (const kind of ['parley', 'socketio'])
        for (const [name, value] of Object.entries(previous.results?.[kind] ?? {}))
          if (!(name in results[kind])) results[kind][name] = value;
      shown = [...new Set([...(previous.scenarios ?? []), ...names])];
      log(`(kept the figures of ${shown.filter((n) => !names.includes(n)).join(', ') || 'no other scenario'} from ${previous.started})`);
    } catch {
      log('(could not read the previous latest.json: it is replaced)');
    }
  }
  const rows = figures.filter((f) => shown.includes(f.scenario)).map((f) => {
    const parley = f.pick(results.parley[f.scenario]);
    const peer = f.pick(results.socketio[f.scenario]);
    return { id: f.id, name: f.name, unit: f.unit, better: f.better, target: f.target, parley, peer, ratio: ratio(f, parley, peer),
      parleySaturated: f.saturated?.(results.parley[f.scenario]) ?? false,
      peerSaturated: f.saturated?.(results.socketio[f.scenario]) ?? false };
  });
  const after = machine();
  const { text, markdown } = table(rows);
  const clientCpu = { parley: clientCpuMax(results.parley), socketio: clientCpuMax(results.socketio) };
  const serverCpu = { parley: serverCpuMax(results.parley), socketio: serverCpuMax(results.socketio) };
  log(`\n${text}\n`);
  log('ratio: how many times better Parley is than the socket.io peer (> 1: Parley better).');
  log('*: the server did not keep up with the target rate (under 95% acknowledged, or deliveries lost): its latency is queueing.');
  log(`client CPU at most ${clientCpu.parley.toFixed(0)}% (against Parley) and ${clientCpu.socketio.toFixed(0)}% (against the peer) of one core; server CPU at most ${serverCpu.parley.toFixed(0)}% and ${serverCpu.socketio.toFixed(0)}%.`);
  log(`load average before ${before.loadAverage.join(' ')}, after ${after.loadAverage.join(' ')}`);

  fs.mkdirSync(args.results, { recursive: true });
  const summary = {
    started: started.toISOString(), finished: new Date().toISOString(), quick, scenarios: shown, ranNow: names,
    machine: { ...before, loadAverageBefore: before.loadAverage, loadAverageAfter: after.loadAverage },
    peerSynchronous: process.env.BENCH_PEER_SYNC || 'normal',
    figures: rows, clientCpuMaxPercent: clientCpu, serverCpuMaxPercent: serverCpu, results,
  };
  fs.writeFileSync(path.join(args.results, 'latest.json'), JSON.stringify(summary, null, 2) + '\n');
  const md = [`# Parley vs the socket.io peer — ${started.toISOString()}${quick ? ' (BENCH_QUICK=1)' : ''}`, '',
    `Machine: ${before.nproc} cores (${before.cpuModel}), ${before.memoryGiB} GiB, Linux ${before.kernel}, Node ${before.node}, file limit ${before.fileLimit}; ` +
    `load average ${before.loadAverage.join(' ')} before, ${after.loadAverage.join(' ')} after.`, '',
    markdown, '',
    'Ratio: how many times better Parley is (> 1: Parley better; lower-is-better figures are peer ÷ Parley).',
    '\\*: the server did not keep up with the target rate (under 95% of it acknowledged, or deliveries lost): the latency shown is queueing.',
    `Load client CPU at most ${clientCpu.parley.toFixed(0)}% / ${clientCpu.socketio.toFixed(0)}% of one core (against Parley / the peer); ` +
    `server CPU at most ${serverCpu.parley.toFixed(0)}% / ${serverCpu.socketio.toFixed(0)}%.`, ''].join('\n');
  fs.writeFileSync(path.join(args.results, 'latest.md'), md);
  log(`wrote ${path.join(args.results, 'latest.json')} and latest.md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
