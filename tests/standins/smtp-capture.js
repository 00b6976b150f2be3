// A local SMTP server for tests: accepts every message (no TLS, no auth) and writes each one, as received, to a
// .eml file in the folder given by --dir (whole or not at all). Usage: node smtp-capture.js --port <port> --dir <folder>
'use strict';
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');

const args = process.argv.slice(2);
const option = (name) => args[args.indexOf(`--${name}`) + 1];
const port = Number(option('port'));
const dir = option('dir');
fs.mkdirSync(dir, { recursive: true });

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      count += 1;
      // Written aside and renamed, so a test reading the folder never meets a half-written message.
      const file = path.join(dir, `${Date.now()}-${count}.eml`);
      fs.writeFileSync(`${file}.tmp`, Buffer.concat(chunks));
      fs.renameSync(`${file}.tmp`, file);
      callback();
    });
  },
});
// A client killed mid-session resets its connection; smtp-server reports that on the server, and an unhandled 'error'
// would end the process. A real mail server outlives its clients.
server.on('error', (err) => console.error(`smtp-capture: ${err.code ?? err.message}`));
server.listen(port, '127.0.0.1');
