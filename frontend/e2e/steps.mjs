// Steps the end-to-end tests share: calling the backend from the page, waiting for a boleto's
// state, getting the demo account through "Contas bancárias", building and issuing boletos
// through the API, saving a download, dates in São Paulo and reading a field's description.
//
// Not a test file: `node --test e2e/` only runs names such as *.test.mjs.

import assert from 'node:assert/strict';
import path from 'node:path';
import { openNav } from './harness.mjs';

/** How long the demo account (or the simulator) may take to issue a boleto. */
export const ISSUE_TIMEOUT_MS = 90_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The backend

/**
 * Calls a backend method from the page, with its session cookie, through the same HTTP bridge
 * (POST /api/call/<method>) the app uses; fails on any answer but 200.
 */
export async function api(page, method, args) {
  const answer = await page.evaluate(
    async ({ method, args }) => {
      const response = await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
        credentials: 'same-origin',
      });
      return { status: response.status, body: await response.text() };
    },
    { method, args },
  );
  assert.equal(answer.status, 200, `${method} answered ${answer.status}: ${answer.body}`);
  return JSON.parse(answer.body);
}

/**
 * Polls `check` until it returns something truthy, and returns that; fails after `timeout` ms
 * naming `what`.
 */
export async function waitUntil(check, what, timeout = 15_000, interval = 250) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(interval);
  }
}

/** Polls Boletos.Get until the boleto reaches `state`, and returns its detail; fails on "failed". */
export async function waitForState(page, id, state, timeout = ISSUE_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await api(page, 'Boletos.Get', [id]);
    if (last.row.state === state) return last;
    assert.notEqual(last.row.state, 'failed', `the boleto failed: ${last.failureReason}`);
    await sleep(500);
  }
  assert.fail(`boleto ${id} is "${last?.row.state}" after ${timeout / 1000} s, not "${state}"`);
}

// ---------------------------------------------------------------------------------------------
// Accounts and boletos

/**
 * On "Contas bancárias" with no account yet: "Usar a conta de demonstração", until it is ready.
 * With `navigate`, opens "Contas bancárias" from the menu first.
 */
export async function useDemoAccount(page, { navigate = false } = {}) {
  if (navigate) await openNav(page, 'Contas bancárias');
  await page.getByRole('button', { name: 'Usar a conta de demonstração' }).click();
  await page.getByText('Conta de demonstração pronta').waitFor();
}

/** The demo account, as Accounts.List gives it. */
export async function findDemoAccount(page) {
  const accounts = await api(page, 'Accounts.List', []);
  const demo = accounts.find((a) => a.name === 'Conta de demonstração');
  assert.ok(demo, `no demo account in ${JSON.stringify(accounts.map((a) => a.name))}`);
  return demo;
}

/**
 * Connects an account to a running `boletos sim` (see sim.mjs) through the API, with its
 * certificate, key and OAuth client, as "Nova conta bancária" would.
 * @param {import('playwright-core').Page} page
 * @param {{ client: { baseUrl: string, clientId: string, clientSecret: string, contaCorrente?: string }, ca: Buffer, cert: Buffer, key: Buffer }} simulator
 * @param {string} name
 */
export async function createSimulatorAccount(page, simulator, name) {
  const { client, ca, cert, key } = simulator;
  return api(page, 'Accounts.Create', [
    {
      name,
      agency: '0001',
      accountNumber: client.contaCorrente || '12345678',
      contaCorrente: client.contaCorrente || '',
      environment: 'simulator',
      simulatorUrl: client.baseUrl,
      simulatorCaPem: ca.toString('utf8'),
      directIntegration: true,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      credentials: { kind: 'pem', certBase64: cert.toString('base64'), keyBase64: key.toString('base64') },
      beneficiary: party({
        document: '11222333000181',
        name: 'Padaria Pão Quente Ltda',
        cep: '86601528',
        address: 'Rua das Flores',
        number: '100',
        district: 'Centro',
        city: 'Rolândia',
        uf: 'PR',
      }),
      operationNumber: '1234567',
      logoBase64: '',
      removeLogo: false,
    },
  ]);
}

/** A PartyDTO: the given fields, the rest blank. */
export function party(fields) {
  return { document: '', name: '', address: '', number: '', complement: '', district: '', city: '', uf: '', cep: '', email: '', ddd: '', phone: '', ...fields };
}

/**
 * A DraftInput from the account's `template` (Boletos.NewDraft): a new payer (unless `payerId`),
 * no seu número of its own and no final beneficiary, with `fields` over it; `payer` takes the
 * party's fields.
 */
export function boletoInput(template, { payer, ...fields }) {
  return { ...template, payerId: 0, seuNumero: '', finalBeneficiary: null, ...fields, payer: party(payer) };
}

/** Issues a boleto of `accountId` through Boletos.IssueNow (see boletoInput); returns its detail. */
export async function issueBoleto(page, accountId, fields) {
  const template = await api(page, 'Boletos.NewDraft', [accountId]);
  return api(page, 'Boletos.IssueNow', [boletoInput(template, fields)]);
}

/**
 * Clicks `button` and saves the download it starts into `dir` under its suggested name;
 * returns that name and the file's path.
 */
export async function saveDownload(page, button, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const name = download.suggestedFilename();
  const file = path.join(dir, name);
  await download.saveAs(file);
  return { name, file };
}

// ---------------------------------------------------------------------------------------------
// Dates

/** Today in São Paulo plus `days`, as YYYY-MM-DD. */
export function saoPauloDate(days) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD → dd/mm/aaaa. */
export function brDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

// ---------------------------------------------------------------------------------------------
// Fields

/** The text of the elements that describe a field (its hint, its error or its warning). */
export async function describedBy(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
