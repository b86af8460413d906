// End-to-end: the Pagadores screen against the real backend (`boletos serve`) and a fresh
// database, in Debian's Chromium.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos npm run e2e
//
// BOLETOS_BIN is required (the test fails without it). CHROMIUM_PATH overrides
// /usr/bin/chromium. Screenshots of the form and of the list go to build/out/e2e/.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, openApp, openNav, requireBackendBin } from './harness.mjs';

const MARIA = 'Maria da Conceição Souza';
const MARIA_CPF = '529.982.247-25';
// The check digits of 123.456.789 are 09, not 00.
const WRONG_CPF = '123.456.789-00';
const ALFA = 'Alfa Serviços Ltda';
const ALFA_CNPJ = '12.ABC.345/01DE-35';

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Pagadores in the browser', { timeout: 180_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  /** @type {import('./harness.mjs').App['expectRejectedCall']} */
  let expectRejectedCall;
  let appUrl = '';

  before(async () => {
    // A refused form is expected only inside expectRejectedCall().
    app = await openApp({ tempPrefix: 'boletos-e2e-payers-', rejectedCalls: /\/api\/call\/Payers\./ });
    ({ page, takeProblems, expectRejectedCall, url: appUrl } = app);
  });

  after(async () => {
    await app?.close();
  });

  it('starts empty and says what payers are for', async () => {
    await page.goto(appUrl);
    await openNav(page, 'Pagadores');
    await page.getByText('Nenhum pagador cadastrado').waitFor();
    await page.getByText(/reaproveitado ao emitir boletos e ao importar documentos/).waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('shows the CPF error beside the CPF field, then saves once it is fixed', async () => {
    await page.getByRole('button', { name: 'Novo pagador', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Novo pagador' });
    await drawer.waitFor();
    await fillPayer(drawer, {
      document: WRONG_CPF,
      name: MARIA,
      cep: '01310100',
      uf: 'SP',
      city: 'São Paulo',
      address: 'Avenida Paulista',
      number: '1000',
    });

    const cpf = drawer.getByRole('textbox', { name: 'CPF ou CNPJ' });
    await expectRejectedCall(async () => {
      await drawer.getByRole('button', { name: 'Salvar' }).click();
      await drawer.getByRole('alert').waitFor();
    });
    assert.equal(await cpf.getAttribute('aria-invalid'), 'true', 'the CPF field is not marked invalid');
    const description = await describedBy(cpf);
    assert.match(description, /CPF inválido/, `no CPF error beside the field: ${JSON.stringify(description)}`);
    // Only the CPF is wrong: the other fields carry no error.
    const name = drawer.getByRole('textbox', { name: 'Nome ou razão social' });
    assert.notEqual(await name.getAttribute('aria-invalid'), 'true', 'the name field is marked invalid');
    await page.screenshot({ path: path.join(OUT_DIR, 'pagadores-cpf-invalido.png') });

    await cpf.fill(MARIA_CPF);
    await drawer.getByRole('button', { name: 'Salvar' }).click();
    await drawer.waitFor({ state: 'hidden' });

    const row = payerRow(page, MARIA);
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), [MARIA, MARIA_CPF, 'São Paulo/SP']);
    assert.deepEqual(takeProblems(), []);
  });

  it('finds the payer by a piece of the name and by the masked CPF', async () => {
    const search = page.getByRole('searchbox', { name: 'Buscar pagador' });

    await search.fill('conceicao'); // accents and case do not matter
    await page.getByRole('status').filter({ hasText: '1 pagador' }).waitFor();
    assert.equal(await payerRow(page, MARIA).count(), 1);

    await search.fill('ninguém aqui');
    await page.getByText('Nenhum pagador encontrado para “ninguém aqui”').waitFor();

    await search.fill(MARIA_CPF);
    await payerRow(page, MARIA).waitFor();
    await page.getByRole('status').filter({ hasText: '1 pagador' }).waitFor();

    await search.fill('');
    await payerRow(page, MARIA).waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('edits the city, and the change is kept', async () => {
    await page.getByRole('button', { name: `Editar ${MARIA}` }).click();
    const drawer = page.getByRole('dialog', { name: 'Editar pagador' });
    await drawer.waitFor();
    assert.equal(await drawer.getByRole('textbox', { name: 'CPF ou CNPJ' }).inputValue(), MARIA_CPF);
    assert.equal(await drawer.getByRole('textbox', { name: 'CEP' }).inputValue(), '01310-100');

    await drawer.getByRole('textbox', { name: 'Cidade' }).fill('Campinas');
    await drawer.getByRole('button', { name: 'Salvar' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await payerRow(page, MARIA).getByRole('cell', { name: 'Campinas/SP' }).waitFor();

    // Read back from the backend, not from the page's memory.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Pagadores' }).waitFor();
    await payerRow(page, MARIA).getByRole('cell', { name: 'Campinas/SP' }).waitFor();
    assert.equal(await page.getByRole('cell', { name: 'São Paulo/SP' }).count(), 0);
    assert.deepEqual(takeProblems(), []);
  });

  it('saves a payer whose CEP is outside the UF and shows the warning', async () => {
    await page.getByRole('button', { name: 'Novo pagador', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Novo pagador' });
    await drawer.waitFor();
    await fillPayer(drawer, {
      document: '12abc34501de35',
      name: ALFA,
      cep: '01310-100', // São Paulo
      uf: 'RJ',
      city: 'Rio de Janeiro',
      address: 'Rua da Assembleia',
      number: '10',
    });
    assert.equal(await drawer.getByRole('textbox', { name: 'CPF ou CNPJ' }).inputValue(), ALFA_CNPJ);
    await drawer.getByRole('button', { name: 'Salvar' }).click();
    await drawer.waitFor({ state: 'hidden' });

    const warning = page.getByRole('alert').filter({ hasText: `${ALFA} foi salvo, mas confira o endereço` });
    await warning.waitFor();
    assert.match(await warning.innerText(), /01310-100 não pertence à faixa de CEPs de RJ/);
    const cells = await payerRow(page, ALFA).getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), [ALFA, ALFA_CNPJ, 'Rio de Janeiro/RJ']);

    // With two payers, the masked alphanumeric CNPJ finds only its own.
    await page.getByRole('searchbox', { name: 'Buscar pagador' }).fill(ALFA_CNPJ);
    await page.getByRole('status').filter({ hasText: '1 pagador' }).waitFor();
    assert.equal(await payerRow(page, ALFA).count(), 1);
    assert.equal(await payerRow(page, MARIA).count(), 0);

    await page.screenshot({ path: path.join(OUT_DIR, 'pagadores.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('deletes a payer after confirmation', async () => {
    await page.getByRole('searchbox', { name: 'Buscar pagador' }).fill('');
    await payerRow(page, MARIA).waitFor();
    await page.getByRole('button', { name: `Excluir ${ALFA}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Excluir pagador?' });
    await dialog.getByRole('button', { name: 'Excluir pagador' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: '1 pagador' }).waitFor();
    assert.equal(await payerRow(page, ALFA).count(), 0);
    assert.equal(await payerRow(page, MARIA).count(), 1);
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

/** The table row of the payer with this exact name. */
function payerRow(page, name) {
  return page
    .getByRole('table', { name: 'Pagadores encontrados' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
}

async function fillPayer(form, p) {
  await form.getByRole('textbox', { name: 'CPF ou CNPJ' }).fill(p.document);
  await form.getByRole('textbox', { name: 'Nome ou razão social' }).fill(p.name);
  await form.getByRole('textbox', { name: 'CEP' }).fill(p.cep);
  await form.getByRole('combobox', { name: 'UF' }).selectOption(p.uf);
  await form.getByRole('textbox', { name: 'Cidade' }).fill(p.city);
  await form.getByRole('textbox', { name: 'Endereço' }).fill(p.address);
  await form.getByRole('textbox', { name: 'Número' }).fill(p.number);
}

/** The text of the elements that describe a field (its hint and its error). */
async function describedBy(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
