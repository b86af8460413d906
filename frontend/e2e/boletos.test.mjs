// End-to-end: the "Boletos" list and detail of the real backend (`boletos serve`), against the
// Banco Inter simulator (`boletos sim`), in Debian's Chromium.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/boletos.test.mjs
//
// Setup goes through the backend API from the page (an account connected to the simulator with
// its client certificate, three payers, three drafts); the Novo boleto and Contas screens have
// their own tests. Then, in the UI: select the three drafts → Emitir → follow the batch to the
// end → open one, copy its linha digitável, save its PDF (checked with pdftotext) → the payer
// pays it at the simulator → "Sincronizar agora" shows it Liquidado → cancel another with a
// reason → the "Liquidados" filter shows exactly the paid one, with matching totals.
//
// Secrets go to a throw-away keyring (see harness.mjs). BOLETOS_BIN is required; screenshots go
// to build/out/e2e/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, boletoInput, createSimulatorAccount, party, saoPauloDate, saveDownload } from './steps.mjs';
import { payAtSimulator, startSimulator } from './sim.mjs';

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

/** Three payers (valid CPFs) and what each one's boleto is worth. */
const CUSTOMERS = [
  { document: '52998224725', name: 'Maria da Conceição Souza', amountCents: 15000, cep: '01310100', city: 'São Paulo', uf: 'SP', address: 'Avenida Paulista', district: 'Bela Vista' },
  { document: '11144477735', name: 'João Batista Pereira', amountCents: 25050, cep: '20040020', city: 'Rio de Janeiro', uf: 'RJ', address: 'Rua da Assembleia', district: 'Centro' },
  { document: '12345678909', name: 'Ana Lúcia Ferreira', amountCents: 9990, cep: '80010000', city: 'Curitiba', uf: 'PR', address: 'Rua XV de Novembro', district: 'Centro' },
];
const LINHA_PATTERN = /^\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}$/;

describe('Boletos: issue, copy, print, pay, sync, cancel and filter, against the simulator', { timeout: 420_000 }, () => {
  /** @type {import('./sim.mjs').Simulator | undefined} */
  let simulator;
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let tmp = '';
  /** The drafts as created: id, seu número, amount. */
  let drafts = [];
  /** The boleto that gets paid, and the one that gets cancelled. */
  let paid;
  let cancelled;
  let codigoSolicitacao = '';
  /** A blank draft of the account (NewDraft) and the due date every draft uses. */
  let template;
  let due = '';

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-boletos-');
    simulator = await startSimulator(tmp);
    app = await openApp({ dataDir: path.join(tmp, 'data'), keyringHome: path.join(tmp, 'keyring'), timeout: 20_000 });
    ({ page, takeProblems } = app);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await page.goto(app.url);
    await page.getByRole('banner').getByText(/^Versão /).waitFor();

    const account = await createSimulatorAccount(page, simulator, 'Inter Simulado — Boletos');

    due = saoPauloDate(10);
    template = await api(page, 'Boletos.NewDraft', [account.id]);
    for (const c of CUSTOMERS) {
      const payer = await api(page, 'Payers.Create', [party(customerParty(c))]);
      const detail = await api(page, 'Boletos.CreateDraft', [
        boletoInput(template, { payerId: payer.id, amountCents: c.amountCents, dueDate: due, payer: customerParty(c) }),
      ]);
      const blocking = (detail.problems ?? []).filter((p) => !p.warning);
      assert.deepEqual(blocking, [], `draft for ${c.name} has problems`);
      drafts.push({ id: detail.row.id, seuNumero: detail.row.seuNumero, amountCents: c.amountCents, name: c.name });
    }
    [paid, cancelled] = drafts;
  });

  after(async () => {
    await app?.close();
    await simulator?.stop();
    await removeDir(tmp);
  });

  it('lists the three drafts with the totals of the set', async () => {
    await openNav(page, 'Boletos');
    const table = page.getByRole('table', { name: 'Boletos' });
    await table.waitFor();
    for (const d of drafts) {
      await expectRowState(page, d.seuNumero, 'Rascunho');
    }
    assert.equal(await bodyRows(page).count(), 3);
    const total = drafts.reduce((sum, d) => sum + d.amountCents, 0);
    assert.equal(await totalsText(page), `3 boletos · ${brl(total)} · pago R$ 0,00`);
    assert.deepEqual(takeProblems(), []);
  });

  it('issues the three drafts as one batch and follows it until all are Emitido', async () => {
    await page.getByRole('checkbox', { name: 'Selecionar todos desta página' }).check();
    await page.getByText('3 boletos selecionados').waitFor();
    await page.getByRole('button', { name: 'Emitir', exact: true }).click();

    const running = page.getByRole('dialog', { name: /^(Emitindo boletos|Emissão concluída)$/ });
    await running.waitFor();
    await running.getByRole('progressbar', { name: 'Andamento da emissão' }).waitFor();
    const finished = page.getByRole('dialog', { name: 'Emissão concluída' });
    await finished.waitFor({ timeout: 120_000 });
    await finished.getByText('3 de 3 emitidos · 0 com falha · 0 restantes').waitFor();
    assert.equal(await finished.getByRole('table', { name: 'Boletos com falha' }).count(), 0);
    await page.screenshot({ path: path.join(OUT_DIR, 'boletos-lote.png') });
    await finished.getByRole('button', { name: 'Fechar' }).click();
    await finished.waitFor({ state: 'hidden' });

    for (const d of drafts) {
      await expectRowState(page, d.seuNumero, 'Emitido');
    }
    assert.deepEqual(takeProblems(), []);
  });

  it('opens one: the linha digitável is shown, "Copiar" copies it and "Salvar PDF" saves its PDF', async () => {
    await page.getByRole('link', { name: paid.seuNumero, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Boleto ${paid.seuNumero}` }).waitFor();
    const codes = page.getByRole('region', { name: 'Para pagar' });
    const linhaGroup = codes.getByRole('group', { name: 'Linha digitável' });
    const linha = (await linhaGroup.locator('[data-copy-value]').innerText()).trim();
    assert.match(linha, LINHA_PATTERN);
    await codes.getByRole('group', { name: 'Pix copia e cola' }).waitFor();

    await linhaGroup.getByRole('button', { name: 'Copiar a linha digitável' }).click();
    await linhaGroup.getByText('Copiado', { exact: true }).waitFor();
    await linhaGroup.getByText('Copiado para a área de transferência.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
    if (copied !== null) assert.equal(copied, linha.replace(/\D/g, ''));

    codigoSolicitacao = await valueOf(page.getByRole('region', { name: 'Dados do boleto' }), 'Código da solicitação');
    assert.match(codigoSolicitacao, /^[0-9a-f-]{36}$/);
    await page.screenshot({ path: path.join(OUT_DIR, 'boletos-detalhe.png'), fullPage: true });

    const { name, file } = await saveDownload(
      page,
      page.getByRole('group', { name: 'Ações do boleto' }).getByRole('button', { name: 'Salvar PDF' }),
      tmp,
    );
    assert.match(name, /\.pdf$/);
    const bytes = await readFile(file);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    const squeeze = (s) => s.replace(/\s+/g, ' ');
    assert.ok(squeeze(text.stdout).includes(linha), `the PDF does not show ${linha}:\n${text.stdout.slice(0, 2000)}`);
    await page.getByText('PDF salvo').first().waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('sees it Liquidado after the payer pays at the simulator and "Sincronizar agora"', async () => {
    await payAtSimulator(simulator, codigoSolicitacao, 'BOLETO');

    await page.getByRole('link', { name: 'Voltar aos boletos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Boletos' }).waitFor();
    await page.getByRole('button', { name: 'Sincronizar agora' }).click();
    await page.getByText(/^Sincronizado às \d{2}:\d{2}$/).waitFor({ timeout: 60_000 });

    const row = await expectRowState(page, paid.seuNumero, 'Liquidado', 60_000);
    await row.getByText(`· ${brl(paid.amountCents)}`, { exact: false }).waitFor();
    await row.getByText('pago por Boleto', { exact: true }).waitFor();

    await row.getByRole('link', { name: paid.seuNumero, exact: true }).click();
    const payment = page.getByRole('region', { name: 'Pagamento' });
    await payment.waitFor();
    assert.equal(await valueOf(payment, 'Valor pago'), brl(paid.amountCents));
    assert.equal(await valueOf(payment, 'Pago por'), 'Boleto');
    assert.deepEqual(takeProblems(), []);
  });

  it('cancels another with a reason and sees it Cancelado', async () => {
    await page.goto(`${app.origin}/#/boletos/${cancelled.id}`);
    await page.getByRole('heading', { level: 1, name: `Boleto ${cancelled.seuNumero}` }).waitFor();
    await page.getByRole('button', { name: 'Cancelar boleto' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancelar boleto no banco' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Motivos comuns' }).selectOption('A pedido do cliente');
    assert.equal(await dialog.getByRole('textbox', { name: 'Motivo do cancelamento' }).inputValue(), 'A pedido do cliente');
    await dialog.getByRole('button', { name: 'Cancelar no banco' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 60_000 });

    await page.locator('[data-state="cancelled"]').first().waitFor({ timeout: 60_000 });
    await page.getByText('Motivo do cancelamento').waitFor();
    await page.getByText('A pedido do cliente', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Cancelar boleto' }).count(), 0);
    assert.deepEqual(takeProblems(), []);
  });

  it('"Liquidados" shows exactly the paid one, with matching totals, kept in the address', async () => {
    await openNav(page, 'Boletos');
    await expectRowState(page, cancelled.seuNumero, 'Cancelado');
    await page.getByRole('group', { name: 'Filtros rápidos' }).getByRole('button', { name: 'Liquidados' }).click();
    await page.waitForURL(/situacao=paid/);
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Boletos"] tbody tr').length === 1);
    await expectRowState(page, paid.seuNumero, 'Liquidado');
    const one = `1 boleto · ${brl(paid.amountCents)} · pago ${brl(paid.amountCents)}`;
    assert.equal(await totalsText(page), one);
    await page.screenshot({ path: path.join(OUT_DIR, 'boletos-lista.png'), fullPage: true });

    // Reload: the filter comes back from the address.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Boletos' }).waitFor();
    await expectRowState(page, paid.seuNumero, 'Liquidado');
    assert.equal(await bodyRows(page).count(), 1);
    assert.equal(await totalsText(page), one);
    assert.equal(
      await page.getByRole('button', { name: 'Liquidados' }).getAttribute('aria-pressed'),
      'true',
    );

    // Back to every boleto: 3, one of each fate.
    await page.getByRole('button', { name: 'Limpar filtros' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Boletos"] tbody tr').length === 3);
    const total = drafts.reduce((sum, d) => sum + d.amountCents, 0);
    assert.equal(await totalsText(page), `3 boletos · ${brl(total)} · pago ${brl(paid.amountCents)}`);
    await expectRowState(page, drafts[2].seuNumero, 'Emitido');

    // Back: the "Liquidados" list again; forward: every boleto.
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Boletos"] tbody tr').length === 1);
    assert.equal(await totalsText(page), one);
    await page.goForward();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Boletos"] tbody tr').length === 3);
    assert.deepEqual(takeProblems(), []);
  });

  it('issues a draft from its page and, once Emitido, offers to print it', async () => {
    const c = CUSTOMERS[0];
    const draft = await api(page, 'Boletos.CreateDraft', [
      boletoInput(template, { amountCents: 4321, dueDate: due, payer: customerParty(c) }),
    ]);
    await page.goto(`${app.origin}/#/boletos/${draft.row.id}`);
    await page.getByRole('heading', { level: 1, name: `Boleto ${draft.row.seuNumero}` }).waitFor();
    await page.locator('[data-state="draft"]').first().waitFor();
    await page.getByRole('group', { name: 'Ações do boleto' }).getByRole('button', { name: 'Emitir' }).click();

    // Nothing else is touched: the page follows the boleto to "Emitido" by itself.
    const issued = page.getByRole('status').filter({ hasText: 'Boleto emitido' });
    await issued.waitFor({ timeout: 60_000 });
    await page.locator('[data-state="issued"]').first().waitFor();
    const linha = (await page.getByRole('group', { name: 'Linha digitável' }).locator('[data-copy-value]').innerText()).trim();
    assert.match(linha, LINHA_PATTERN);
    const history = await page.getByRole('region', { name: 'Histórico' }).innerText();
    for (const label of ['Rascunho', 'Na fila', 'Em processamento', 'Emitido']) {
      assert.ok(history.includes(label), `the history lacks ${label}: ${history}`);
    }

    // "Imprimir" opens the PDF in a new tab (browser mode), where the clerk prints it.
    const [tab] = await Promise.all([page.waitForEvent('popup'), issued.getByRole('button', { name: 'Imprimir' }).click()]);
    await tab.waitForURL(/^blob:/);
    await tab.close();
    await page.getByText('PDF pronto para imprimir').first().waitFor();
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

/** The payer's fields of one of CUSTOMERS, as a (partial) PartyDTO. */
function customerParty(c) {
  return { document: c.document, name: c.name, address: c.address, number: '100', district: c.district, city: c.city, uf: c.uf, cep: c.cep };
}

/** Centavos as the screens write them: "R$ 1.234,56". */
function brl(cents) {
  const reais = Math.trunc(cents / 100).toLocaleString('pt-BR');
  return `R$ ${reais},${String(cents % 100).padStart(2, '0')}`;
}

function bodyRows(page) {
  return page.getByRole('table', { name: 'Boletos' }).locator('tbody tr');
}

/** Waits until the row of `seuNumero` shows the state `label`; returns the row. */
async function expectRowState(page, seuNumero, label, timeout) {
  const row = bodyRows(page).filter({ has: page.getByRole('link', { name: seuNumero, exact: true }) });
  await row.getByText(label, { exact: true }).waitFor({ timeout });
  return row;
}

async function totalsText(page) {
  return (await page.getByRole('status', { name: 'Totais do filtro' }).innerText()).replace(/\s+/g, ' ').trim();
}

/** The text of the <dd> after the <dt> with this label, inside `scope`. */
async function valueOf(scope, label) {
  const term = scope.locator('dt', { hasText: label }).first();
  return (await term.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}
