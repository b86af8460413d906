// End-to-end: the Painel and the Relatórios against the real backend (`boletos serve`) and a
// fresh database, in Debian's Chromium, with the demo account (an in-process Banco Inter
// simulator that issues each boleto after a short delay).
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/dashboard.test.mjs
//
// The demo account comes from Contas bancárias; three boletos are issued through the API
// (POST /api/call/Boletos.IssueNow from the page) and followed until "Emitido". Then, in the UI:
// the Painel's "A receber" shows the three and their total; Relatórios → "Em aberto por atraso"
// lists them with the total; "Exportar CSV" downloads a file with their seus números; "Conferir
// com o banco" says the program and the bank agree.
//
// Secrets go to a throw-away keyring (see harness.mjs). BOLETOS_BIN is required; screenshots go
// to build/out/e2e/.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';

/** How long the demo bank may take to issue a boleto (queue → sending → processing → issued). */
const ISSUE_TIMEOUT_MS = 90_000;

const CUSTOMERS = [
  { document: '52998224725', name: 'Maria da Conceição Souza', amountCents: 15000, cep: '01310100', city: 'São Paulo', uf: 'SP', address: 'Avenida Paulista', district: 'Bela Vista' },
  { document: '11144477735', name: 'João Batista Pereira', amountCents: 25050, cep: '20040020', city: 'Rio de Janeiro', uf: 'RJ', address: 'Rua da Assembleia', district: 'Centro' },
  { document: '12345678909', name: 'Ana Lúcia Ferreira', amountCents: 9990, cep: '80010000', city: 'Curitiba', uf: 'PR', address: 'Rua XV de Novembro', district: 'Centro' },
];
const TOTAL_CENTS = CUSTOMERS.reduce((sum, c) => sum + c.amountCents, 0);

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Painel and Relatórios, with the demo account', { timeout: 360_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let appUrl = '';
  let tmp = '';
  let accountId = 0;
  /** @type {{ id: number, seuNumero: string }[]} */
  const issued = [];

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-dashboard-');
    app = await openApp({ dataDir: path.join(tmp, 'data'), keyringHome: path.join(tmp, 'keyring'), timeout: 20_000 });
    ({ page, takeProblems, url: appUrl } = app);
  });

  after(async () => {
    await app?.close();
    await removeDir(tmp);
  });

  it('welcomes a fresh install, points it to Novo boleto and Importar, then gets the demo account', async () => {
    await page.goto(appUrl);
    await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    // The first-run welcome names the data folder and its backups, and "Conectar minha conta
    // Inter" opens the account setup; once used, it does not come back.
    const welcome = page.getByRole('region', { name: 'Boas-vindas ao Boletos' });
    await welcome.getByText(path.join(tmp, 'data', 'backups'), { exact: true }).waitFor();
    await welcome.getByRole('button', { name: 'Conectar minha conta Inter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nova conta bancária' }).waitFor();
    await openNav(page, 'Painel');
    await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    const empty = page.getByRole('region', { name: 'Nenhum boleto ainda' });
    await empty.waitFor();
    await empty.getByRole('link', { name: 'Novo boleto' }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Boas-vindas ao Boletos' }).count(), 0, 'the welcome came back');

    await openNav(page, 'Contas bancárias');
    await page.getByRole('button', { name: 'Usar a conta de demonstração' }).click();
    await page.getByText('Conta de demonstração pronta').waitFor();
    const accounts = await api(page, 'Accounts.List', []);
    assert.equal(accounts.length, 1);
    accountId = accounts[0].id;
    assert.deepEqual(takeProblems(), []);
  });

  it('issues three boletos and waits until the bank issued them', async () => {
    const template = await api(page, 'Boletos.NewDraft', [accountId]);
    for (const c of CUSTOMERS) {
      const detail = await api(page, 'Boletos.IssueNow', [
        {
          ...template,
          payerId: 0,
          seuNumero: '',
          amountCents: c.amountCents,
          dueDate: civilDateInSaoPaulo(10),
          payer: party({ document: c.document, name: c.name, address: c.address, number: '100', district: c.district, city: c.city, uf: c.uf, cep: c.cep }),
          finalBeneficiary: null,
        },
      ]);
      issued.push({ id: detail.row.id, seuNumero: detail.row.seuNumero });
    }
    for (const b of issued) {
      await waitFor(ISSUE_TIMEOUT_MS, `boleto ${b.seuNumero} to be issued`, async () => {
        const d = await api(page, 'Boletos.Get', [b.id]);
        assert.notEqual(d.row.state, 'failed', `boleto ${b.seuNumero} failed: ${d.failureReason}`);
        return d.row.state === 'issued' ? d : null;
      });
    }
  });

  it('shows the three boletos and their total in "A receber" on the Painel', async () => {
    await openNav(page, 'Painel');
    const card = page.getByRole('region', { name: 'A receber' });
    await card.filter({ hasText: '3 boletos' }).waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    assert.match(text, new RegExp(escape(brl(TOTAL_CENTS))), `"A receber" says ${JSON.stringify(text)}`);
    const next = page.getByRole('table', { name: 'Próximos vencimentos' });
    for (const b of issued) await next.getByRole('link', { name: `Abrir o boleto ${b.seuNumero}` }).waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'painel.png'), fullPage: true });

    // A row opens the boleto.
    await next.getByRole('link', { name: `Abrir o boleto ${issued[0].seuNumero}` }).click();
    await page.waitForURL(new RegExp(`#/boletos/${issued[0].id}$`));
    assert.deepEqual(takeProblems(), []);
  });

  it('lists them in Relatórios → Em aberto por atraso, exports the CSV and agrees with the bank', async () => {
    const from = civilDateInSaoPaulo(-1);
    const to = civilDateInSaoPaulo(40);
    await page.evaluate(
      ({ accountId, from, to }) => {
        window.location.hash = `#/relatorios?aba=atraso&conta=${accountId}&periodo=custom&de=${from}&ate=${to}`;
      },
      { accountId, from, to },
    );
    await page.getByRole('heading', { level: 1, name: 'Relatórios' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Em aberto por atraso' }).getAttribute('aria-selected'), 'true');
    const table = page.getByRole('table', { name: 'Boletos em aberto' });
    await table.waitFor();
    for (const b of issued) await table.getByRole('cell', { name: b.seuNumero, exact: true }).waitFor();
    assert.equal(await table.locator('tbody tr').count(), 3);
    const totals = (await table.locator('tfoot tr').innerText()).replace(/\s+/g, ' ');
    assert.match(totals, /3 boletos/);
    assert.match(totals, new RegExp(escape(brl(TOTAL_CENTS))));
    await page.screenshot({ path: path.join(OUT_DIR, 'relatorio-atraso.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar CSV' }).click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const file = path.join(tmp, download.suggestedFilename());
    await download.saveAs(file);
    const csv = await readFile(file, 'utf8');
    for (const b of issued) assert.ok(csv.includes(b.seuNumero), `the CSV lacks ${b.seuNumero}:\n${csv}`);

    await page.getByRole('button', { name: 'Conferir com o banco' }).click();
    await page.getByText('O programa e o banco conferem').waitFor({ timeout: 30_000 });
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

/** Calls a backend method through the same HTTP bridge the page uses; fails on an error. */
async function api(page, method, args) {
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

/** Polls `probe` every half second until it returns something, or fails after `timeoutMs`. */
async function waitFor(timeoutMs, what, probe) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await probe();
    if (result) return result;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`timed out waiting for ${what}`);
}

function party(fields) {
  return { document: '', name: '', address: '', number: '', complement: '', district: '', city: '', uf: '', cep: '', email: '', ddd: '', phone: '', ...fields };
}

/** Today + `days` in São Paulo, as YYYY-MM-DD. */
function civilDateInSaoPaulo(days) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Centavos as the screens write them: "R$ 1.234,56". */
function brl(cents) {
  const reais = Math.trunc(cents / 100).toLocaleString('pt-BR');
  return `R$ ${reais},${String(cents % 100).padStart(2, '0')}`;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
