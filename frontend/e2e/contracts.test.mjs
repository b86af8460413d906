// End-to-end: "Contratos" against the real backend (`boletos serve`) and a fresh database, in
// Debian's Chromium, with the demo account (an in-process Banco Inter simulator).
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/contracts.test.mjs
//
// A monthly contract whose first due date falls within its lead days is refused first for a
// missing day of the month (the backend's message beside "Dia do vencimento", nothing saved),
// then saved: its first boleto is created at once and, with "Emitir automaticamente no banco",
// issued by the demo bank; the list shows one billed month. "Gerar boletos agora" then creates
// nothing (never twice the same month), and "Encerrar" ends the contract. What was saved is read
// back from the backend (POST /api/call/… from the page, with the page's session).
//
// The demo account keeps its secret in the OS keychain: as in accounts.test.mjs, the backend
// runs inside a private D-Bus session with a throw-away keyring when the machine has one.
// BOLETOS_BIN is required; CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to
// build/out/e2e/.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, removeDir, requireBackendBin } from './harness.mjs';
import { api, brDate, describedBy, saoPauloDate, useDemoAccount, waitForState } from './steps.mjs';

const MARIA = 'Maria da Conceição Souza';
const NUMBER = 'CT-2026-001';
/** How long the demo bank may take to issue a boleto (queue → sending → processing → issued). */

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Contratos in the browser, with the demo account', { timeout: 360_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  /** @type {import('./harness.mjs').App['expectRejectedCall']} */
  let expectRejectedCall;
  let appUrl = '';
  let tmp = '';
  /** The first due date: five days from today, well within the default 10 days ahead. */
  const firstDue = saoPauloDate(5);
  const day = Number(firstDue.slice(8, 10));
  const today = saoPauloDate(0);

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-contratos-');
    // A refused contract is expected only inside expectRejectedCall().
    app = await openApp({
      dataDir: path.join(tmp, 'data'),
      keyringHome: path.join(tmp, 'keyring'),
      timeout: 20_000,
      rejectedCalls: /\/api\/call\/Contracts\./,
    });
    ({ page, takeProblems, expectRejectedCall, url: appUrl } = app);
  });

  after(async () => {
    await app?.close();
    await removeDir(tmp);
  });

  it('gets the demo account from Contas bancárias, then explains contracts while there is none', async () => {
    await page.goto(appUrl);
    await useDemoAccount(page, { navigate: true });

    await page.evaluate(() => {
      window.location.hash = '#/contratos';
    });
    await page.getByRole('heading', { level: 1, name: 'Contratos' }).waitFor();
    await page.getByText('Nenhum contrato cadastrado').waitFor();
    assert.deepEqual(await api(page, 'Contracts.List', []), []);
    assert.deepEqual(takeProblems(), []);
  });

  it('refuses a contract without the day of the month beside "Dia do vencimento", and saves nothing', async () => {
    await page.getByRole('button', { name: 'Novo contrato', exact: true }).click();
    const form = page.getByRole('form', { name: 'Novo contrato' });
    await form.waitFor();
    await form.getByText('Conta de demonstração', { exact: true }).waitFor();

    const payer = form.getByRole('group', { name: 'Pagador' });
    await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).fill('52998224725');
    assert.equal(await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).inputValue(), '529.982.247-25');
    await payer.getByRole('textbox', { name: 'Nome ou razão social' }).fill(MARIA);
    await payer.getByRole('textbox', { name: 'CEP' }).fill('01310100');
    await payer.getByRole('textbox', { name: 'Endereço' }).fill('Avenida Paulista');
    await payer.getByRole('textbox', { name: 'Número' }).fill('1000');
    await payer.getByRole('textbox', { name: 'Bairro' }).fill('Bela Vista');
    await payer.getByRole('textbox', { name: 'Cidade' }).fill('São Paulo');
    await payer.getByRole('combobox', { name: 'UF' }).selectOption('SP');

    await form.getByRole('textbox', { name: 'Número do contrato' }).fill(NUMBER);
    await form.getByRole('textbox', { name: 'Descrição' }).fill('Mensalidade');
    await form.getByRole('textbox', { name: 'Valor mensal (R$)' }).fill('150');
    await form.getByRole('textbox', { name: 'Valor mensal (R$)' }).press('Tab');
    assert.equal(await form.getByRole('textbox', { name: 'Valor mensal (R$)' }).inputValue(), '150,00');
    // The start comes as today; the contract runs for 12 months, each boleto made 10 days ahead.
    assert.equal(await form.getByRole('textbox', { name: 'Início do contrato' }).inputValue(), brDate(today));
    await form.getByRole('radio', { name: 'Por um número de meses' }).check();
    await form.getByRole('textbox', { name: 'Número de meses' }).fill('12');
    assert.equal(await form.getByRole('textbox', { name: /Antecedência/ }).inputValue(), '10');
    await form.getByRole('checkbox', { name: 'Emitir automaticamente no banco' }).check();
    await page.screenshot({ path: path.join(OUT_DIR, 'contratos-novo.png'), fullPage: true });

    await expectRejectedCall(async () => {
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/call/Contracts.Create'));
      await form.getByRole('button', { name: 'Salvar contrato' }).click();
      const response = await refused;
      assert.equal(response.status(), 422, `Contracts.Create answered ${response.status()}`);
      await form.getByRole('alert').filter({ hasText: 'O contrato não foi salvo' }).waitFor();
    });
    const dayField = form.getByRole('textbox', { name: 'Dia do vencimento' });
    assert.match(await describedBy(dayField), /O dia de vencimento deve ser de 1 a 31; foi informado 0/);
    assert.equal(await dayField.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await api(page, 'Contracts.List', []), [], 'a contract was saved');
    assert.deepEqual(takeProblems(), []);
  });

  it('saves the contract: the first month is billed at once and issued by the bank', async () => {
    const form = page.getByRole('form', { name: 'Novo contrato' });
    const dayField = form.getByRole('textbox', { name: 'Dia do vencimento' });
    await dayField.fill(String(day));
    // The calendar says the first boleto is made on saving.
    await form
      .getByRole('status', { name: 'Calendário do contrato' })
      .getByText(`O boleto de ${brDate(firstDue)} é criado assim que você salvar`, { exact: false })
      .waitFor();
    const reference = `Mensalidade — referente a ${firstDue.slice(5, 7)}/${firstDue.slice(0, 4)}`;
    assert.ok((await describedBy(form.getByRole('textbox', { name: 'Descrição' }))).includes(reference));

    await form.getByRole('button', { name: 'Salvar contrato' }).click();
    await page.getByText('Contrato criado').waitFor();
    await page.getByText(/O boleto do primeiro mês já foi criado e enviado ao banco/).waitFor();
    await form.waitFor({ state: 'hidden' });

    const [contract] = await api(page, 'Contracts.List', []);
    assert.equal(contract.number, NUMBER);
    assert.equal(contract.monthlyCents, 15000);
    assert.equal(contract.day, day);
    assert.equal(contract.months, 12);
    assert.equal(contract.endDate, '');
    assert.equal(contract.leadDays, 10);
    assert.equal(contract.autoIssue, true);
    assert.equal(contract.billedMonths, 1);
    assert.equal(contract.payerDocument, '529.982.247-25');

    // The list shows it with one billed month, active, and leads to its boletos.
    const table = page.getByRole('table', { name: 'Contratos' });
    const row = table.getByRole('row').filter({ hasText: NUMBER });
    const cells = (await row.getByRole('cell').allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
    assert.deepEqual(cells.slice(0, 9), [
      `${NUMBER}Mensalidade`,
      `${MARIA}529.982.247-25`,
      'R$ 150,00',
      String(day),
      `${brDate(today)} → 12 meses`,
      brDate(contract.nextDueDate),
      '1',
      'Sim',
      'Ativo',
    ]);
    assert.ok(contract.nextDueDate > firstDue, `next due ${contract.nextDueDate} is not after ${firstDue}`);
    const link = row.getByRole('link', { name: `Ver boletos do contrato ${NUMBER} de ${MARIA}` });
    assert.equal(await link.getAttribute('href'), `#/documentos/${contract.documentId}`);

    // The boleto is in Boletos, for the first due date, with the month it charges.
    const boletos = await api(page, 'Boletos.List', [{ limit: 50 }]);
    assert.equal(boletos.total, 1, JSON.stringify(boletos.rows));
    const [boleto] = boletos.rows;
    assert.equal(boleto.dueDate, firstDue);
    assert.equal(boleto.amountCents, 15000);
    assert.equal(boleto.payerName, MARIA);
    const issued = await waitForState(page, boleto.id, 'issued');
    assert.ok(issued.charges.messages.includes(reference), `no "${reference}" in ${JSON.stringify(issued.charges.messages)}`);
    assert.equal(issued.documentId, contract.documentId);
    await page.screenshot({ path: path.join(OUT_DIR, 'contratos-lista.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('"Gerar boletos agora" creates nothing more: the month was billed already', async () => {
    await page.getByRole('button', { name: 'Gerar boletos agora' }).click();
    await page.getByText('Nenhum boleto a criar agora').waitFor();
    const boletos = await api(page, 'Boletos.List', [{ limit: 50 }]);
    assert.equal(boletos.total, 1);
    assert.deepEqual(takeProblems(), []);
  });

  it('"Encerrar" ends the contract after confirming', async () => {
    const row = page.getByRole('table', { name: 'Contratos' }).getByRole('row').filter({ hasText: NUMBER });
    await row.getByRole('button', { name: `Encerrar o contrato ${NUMBER} de ${MARIA}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Encerrar contrato?' });
    await dialog.getByText(/Os boletos já criados continuam como estão/).waitFor();
    await dialog.getByRole('button', { name: 'Encerrar contrato' }).click();
    await dialog.waitFor({ state: 'detached' });

    await row.getByText('Encerrado', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Reativar o contrato ${NUMBER} de ${MARIA}` }).waitFor();
    const [contract] = await api(page, 'Contracts.List', []);
    assert.equal(contract.active, false);
    // Ending keeps the boleto already made.
    assert.equal((await api(page, 'Boletos.List', [{ limit: 50 }])).total, 1);

    // Read again from the backend, the page says the same.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Contratos' }).waitFor();
    const again = page.getByRole('table', { name: 'Contratos' }).getByRole('row').filter({ hasText: NUMBER });
    await again.getByText('Encerrado', { exact: true }).waitFor();
    assert.equal(await again.getByRole('cell').nth(5).textContent(), '—');
    await page.screenshot({ path: path.join(OUT_DIR, 'contratos-encerrado.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });
});

