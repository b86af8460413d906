// The Banco Inter simulator for end-to-end tests: `boletos sim` on a free loopback port, the
// client files it writes (CA, client certificate and key, client.json), and the sandbox-only
// calls a test makes as "the payer" — paying a charge over mutual TLS.
//
// Not a test file: `node --test e2e/` only runs names such as *.test.mjs.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { startBoletos } from './harness.mjs';

/**
 * @typedef {object} Simulator
 * @property {import('./harness.mjs').Started} process the running `boletos sim`
 * @property {string} dir where it wrote ca.crt, client.crt, client.key and client.json
 * @property {{ baseUrl: string, clientId: string, clientSecret: string, contaCorrente?: string }} client
 * @property {Buffer} ca PEM of the simulator's CA
 * @property {Buffer} cert PEM of the client certificate
 * @property {Buffer} key PEM of the client key (PKCS#8)
 * @property {() => Promise<void>} stop
 */

/**
 * Starts `boletos sim` writing its files to `<tmp>/sim` and its data to `<tmp>/simdata`.
 * `profile` picks the per-minute limits (the simulator's default is sandbox).
 *
 * @param {string} tmp
 * @param {{ profile?: 'sandbox' | 'production' | 'unlimited' }} [options]
 * @returns {Promise<Simulator>}
 */
export async function startSimulator(tmp, { profile } = {}) {
  const dir = path.join(tmp, 'sim');
  const args = ['sim', '--addr', '127.0.0.1:0', '--out', dir, '--data-dir', path.join(tmp, 'simdata'), '--json'];
  if (profile) args.push('--profile', profile);
  const started = await startBoletos('simulator', args, /"baseUrl"\s*:\s*"https?:\/\/[^"]+"/);
  try {
    const ready = started.stdout;
    const announced = JSON.parse(ready.slice(ready.indexOf('{'), ready.lastIndexOf('}') + 1));
    const client = JSON.parse(await readFile(path.join(dir, 'client.json'), 'utf8'));
    assert.ok(
      client.baseUrl && client.clientId && client.clientSecret,
      `incomplete client.json: ${JSON.stringify(Object.keys(client))}`,
    );
    assert.equal(client.baseUrl, announced.baseUrl);
    const [ca, cert, key] = await Promise.all(
      ['ca.crt', 'client.crt', 'client.key'].map((f) => readFile(path.join(dir, f))),
    );
    return { process: started, dir, client, ca, cert, key, stop: started.stop };
  } catch (err) {
    await started.stop();
    throw err;
  }
}

/**
 * The payer pays the charge today at the simulator (sandbox POST
 * /cobranca/v3/cobrancas/{codigoSolicitacao}/pagar), with "BOLETO" or "PIX". The simulator
 * charges what boleto.AmountDue gives for its date.
 *
 * @param {Simulator} sim
 * @param {string} codigoSolicitacao
 * @param {'BOLETO' | 'PIX'} [pagarCom]
 */
export async function payAtSimulator(sim, codigoSolicitacao, pagarCom = 'BOLETO') {
  const token = await simToken(sim, 'boleto-cobranca.write');
  const answer = await simRequest(sim, 'POST', `/cobranca/v3/cobrancas/${encodeURIComponent(codigoSolicitacao)}/pagar`, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ pagarCom }),
  });
  assert.equal(answer.status, 204, `pagar answered ${answer.status}: ${answer.body}`);
}

/** An OAuth2 client-credentials token of the simulator for `scope`. */
async function simToken(sim, scope) {
  const form = new URLSearchParams({
    client_id: sim.client.clientId,
    client_secret: sim.client.clientSecret,
    grant_type: 'client_credentials',
    scope,
  });
  const answer = await simRequest(sim, 'POST', '/oauth/v2/token', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  assert.equal(answer.status, 200, `token answered ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body).access_token;
}

/** One HTTPS request to the simulator with the client certificate (mutual TLS). */
function simRequest(sim, method, pathname, { headers = {}, body = '' } = {}) {
  const url = new URL(pathname, sim.client.baseUrl);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: sim.ca,
        cert: sim.cert,
        key: sim.key,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        timeout: 15_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}
