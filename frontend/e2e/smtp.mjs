// A tiny SMTP responder on 127.0.0.1 for the end-to-end tests: plain SMTP only (no STARTTLS,
// no AUTH), which the backend accepts with security "none" and no user, for a server on this
// computer only. It records every message it is given, and parses MIME enough to check the
// attachments.
//
// Not a test file: `node --test e2e/` only runs names such as *.test.mjs, and this one is
// imported by them.

import { createServer } from 'node:net';

/**
 * @typedef {object} Received one message as the server got it
 * @property {string} from the MAIL FROM address
 * @property {string[]} to the RCPT TO addresses
 * @property {string} data the message (headers and body), dot-unstuffed, CRLF line ends
 */

/**
 * @typedef {object} SmtpServer
 * @property {number} port
 * @property {Received[]} messages every message accepted so far, in order
 * @property {string[]} commands every command line received, in order (for failure messages)
 * @property {(count: number, timeoutMs: number) => Promise<Received[]>} waitForMessages resolves
 *   once `count` messages were accepted; rejects after `timeoutMs` with what came
 * @property {() => Promise<void>} close
 */

/** Starts the responder on a free port of 127.0.0.1. @returns {Promise<SmtpServer>} */
export async function startSmtp() {
  /** @type {Received[]} */
  const messages = [];
  /** @type {string[]} */
  const commands = [];
  /** @type {Set<() => void>} */
  const waiters = new Set();
  const sockets = new Set();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // the client may drop the connection; nothing to do
    let buffer = '';
    let inData = false;
    let envelope = { from: '', to: /** @type {string[]} */ ([]) };
    const reply = (line) => socket.write(`${line}\r\n`);

    reply('220 localhost ESMTP boletos-e2e');
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          // The terminator may also come right after DATA's 354 (an empty message).
          const atStart = buffer.startsWith('.\r\n');
          if (end < 0 && !atStart) return;
          const raw = atStart ? '' : buffer.slice(0, end + 2);
          buffer = buffer.slice(atStart ? 3 : end + 5);
          inData = false;
          const data = raw.replace(/^\.\./gm, '.');
          messages.push({ from: envelope.from, to: envelope.to, data });
          envelope = { from: '', to: [] };
          reply('250 2.0.0 OK: queued');
          for (const wake of [...waiters]) wake();
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        commands.push(line);
        const verb = line.split(' ', 1)[0].toUpperCase();
        switch (verb) {
          case 'EHLO':
            reply('250-localhost greets you');
            reply('250 8BITMIME');
            break;
          case 'HELO':
            reply('250 localhost');
            break;
          case 'MAIL':
            envelope = { from: addressIn(line), to: [] };
            reply('250 2.1.0 OK');
            break;
          case 'RCPT':
            envelope.to.push(addressIn(line));
            reply('250 2.1.5 OK');
            break;
          case 'DATA':
            if (envelope.to.length === 0) {
              reply('503 5.5.1 RCPT first');
              break;
            }
            inData = true;
            reply('354 End data with <CR><LF>.<CR><LF>');
            break;
          case 'RSET':
            envelope = { from: '', to: [] };
            reply('250 2.0.0 OK');
            break;
          case 'NOOP':
            reply('250 2.0.0 OK');
            break;
          case 'QUIT':
            reply('221 2.0.0 Bye');
            socket.end();
            return;
          default:
            reply('502 5.5.2 Command not implemented');
        }
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('smtp: no TCP address');

  return {
    port: address.port,
    messages,
    commands,
    waitForMessages(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `smtp: ${messages.length} of ${count} messages within ${timeoutMs / 1000} s; commands: ${JSON.stringify(commands)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The address between < and > of a MAIL FROM or RCPT TO line. */
function addressIn(line) {
  const m = /<([^>]*)>/.exec(line);
  return m ? m[1] : '';
}

// ---------------------------------------------------------------------------------------------
// MIME, enough to read the messages the backend sends (multipart/mixed: text + attachment)

/**
 * @typedef {object} Part
 * @property {Record<string, string>} headers lower-case names, unfolded values
 * @property {string} body as transmitted (still in its transfer encoding)
 */

/** Splits a message or part into its headers and body. @returns {Part} */
export function parseEntity(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  /** @type {Record<string, string>} */
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

/** The parts of a multipart message, in order; [] when it is not multipart. @returns {Part[]} */
export function mimeParts(raw) {
  const { headers, body } = parseEntity(raw);
  const m = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '');
  if (!m) return [];
  const delimiter = `--${m[1]}`;
  return body
    .split(delimiter)
    .slice(1) // the preamble
    .filter((chunk) => !chunk.startsWith('--')) // the closing delimiter and epilogue
    .map((chunk) => parseEntity(chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')));
}
