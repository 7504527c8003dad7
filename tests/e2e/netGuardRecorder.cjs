// Preloaded (NODE_OPTIONS=--require) into the e2e host, so every Node process and worker thread of it runs it:
// netRecorder.cjs's socket log, plus what the network guard reads: each thread that loaded it, the addresses
// sockets really bound, reached and accepted, DNS lookups/resolves, and the programs spawned. Lines in $SG_NET_LOG.
require('../integration/pacs/netRecorder.cjs');
const net = require('node:net');
const dns = require('node:dns');
const fs = require('node:fs');
const util = require('node:util');
const { ChildProcess } = require('node:child_process');
const { isMainThread, threadId } = require('node:worker_threads');

const log = (event) =>
  fs.appendFileSync(
    process.env.SG_NET_LOG,
    JSON.stringify({ ...event, pid: process.pid, thread: threadId }) + '\n',
  );

log({ op: 'thread', main: isMainThread, argv: process.argv.slice(1, 3) });

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  this.once('connect', () => {
    if (this.remoteAddress === undefined) log({ op: 'connected', pipe: true });
    else log({ op: 'connected', remote: this.remoteAddress, remotePort: this.remotePort });
  });
  return connect.apply(this, args);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => log({ op: 'listening', address: this.address() }));
  this.on('connection', (s) => {
    if (s.remoteAddress === undefined) log({ op: 'accepted', pipe: true });
    else log({ op: 'accepted', remote: s.remoteAddress, localPort: s.localPort });
  });
  return listen.apply(this, args);
};

/** Log every call of obj[fn] (its name argument), keeping a promisified form that logs too. */
function wrapDns(obj, fn, where) {
  const orig = obj[fn];
  if (typeof orig !== 'function') return;
  const wrapped = function (...args) {
    log({ op: 'dns', fn: `${where}${fn}`, name: typeof args[0] === 'string' ? args[0] : String(args[0]) });
    return orig.apply(this, args);
  };
  const custom = orig[util.promisify.custom];
  if (typeof custom === 'function')
    wrapped[util.promisify.custom] = function (...args) {
      log({ op: 'dns', fn: `${where}${fn}`, name: String(args[0]) });
      return custom.apply(this, args);
    };
  obj[fn] = wrapped;
}
const dnsFns = (o) => Object.keys(o).filter((k) => /^(lookup|resolve|reverse)/.test(k));
for (const fn of dnsFns(dns)) wrapDns(dns, fn, 'dns.');
for (const fn of dnsFns(dns.promises)) wrapDns(dns.promises, fn, 'dns.promises.');
for (const R of [dns.Resolver, dns.promises.Resolver])
  for (const fn of Object.getOwnPropertyNames(R.prototype).filter((k) => /^(resolve|reverse)/.test(k)))
    wrapDns(R.prototype, fn, 'Resolver.');

const spawn = ChildProcess.prototype.spawn;
ChildProcess.prototype.spawn = function (options) {
  const args = Array.isArray(options && options.args) ? options.args.map(String) : [];
  log({
    op: 'spawn',
    file: options && options.file,
    debugging: args.filter((a) => a.startsWith('--remote-debugging')),
  });
  return spawn.call(this, options);
};
