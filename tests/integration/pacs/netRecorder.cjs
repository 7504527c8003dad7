// Preloaded (node --require) into a CLI child process: records every socket the process opens (TCP/IPC
// connects, listens, UDP sockets) as JSON lines in $SG_NET_LOG, and lets it proceed.
const net = require('node:net');
const dgram = require('node:dgram');
const fs = require('node:fs');

const log = (event) => fs.appendFileSync(process.env.SG_NET_LOG, JSON.stringify(event) + '\n');

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const o = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  log({ op: 'connect', path: o.path, port: o.port, host: o.host });
  return connect.apply(this, args);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  const o = typeof first === 'object' && first !== null ? first : { port: first };
  log({ op: 'listen', path: o.path, port: o.port });
  return listen.apply(this, args);
};

const createSocket = dgram.createSocket;
dgram.createSocket = function (...args) {
  log({ op: 'udp' });
  return createSocket.apply(this, args);
};
