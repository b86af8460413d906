// End-to-end: "Parcelado (carnê)" in Novo boleto against the real backend (`boletos serve`) and a
// fresh database, in Debian's Chromium, with the demo account (an in-process Banco Inter
// simulator that processes each boleto after a short delay).
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/carne.test.mjs
//
// The demo account is made from Contas bancárias. A payer is typed in the form; R$ 1.234,57 is
// planned as R$ 200,00 down plus 10 monthly installments, and the live preview must add up to
// the total with the leftover centavos on the last one. "Criar carnê (rascunhos)" saves the 11
// drafts, "Emitir todos" sends them and the demo bank issues every one; "Imprimir carnê" opens a
// 4-page PDF (11 slips, 3 per page, counted with pdfinfo). One boleto's "Origem" leads to the
// document's page, which lists the 11; the list's "Origem" filter finds the same 11. What was
// saved is read back from the backend (POST /api/call/… from the page), not from its memory.
//
// Secrets go to a throw-away keyring (see harness.mjs). BOLETOS_BIN is required; CHROMIUM_PATH
// overrides /usr/bin/chromium. Screenshots go to build/out/e2e/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, brDate, saoPauloDate, useDemoAccount, waitUntil } from './steps.mjs';

const PAYER = {
  document: '11144477735',
  documentMasked: '111.444.777-35',
  name: 'João Batista Pereira',
  cep: '20040020',
  address: 'Rua da Assembleia',
  number: '10',
  district: 'Centro',
  city: 'Rio de Janeiro',
  uf: 'RJ',
};
const TOTAL_CENTS = 123457;
const DOWN_CENTS = 20000;
const COUNT = 10;
/** How long the demo bank may take to issue the 11 boletos. */
const ISSUE_TIMEOUT_MS = 180_000;

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('A carnê in the browser, with the demo account', { timeout: 600_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let tmp = '';
  let documentId = 0;
  /** The carnê's boletos as the backend lists them, in due date order. */
  let boletos = [];
  const downDate = saoPauloDate(7);
  const firstDate = saoPauloDate(20);

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-carne-');
    app = await openApp({
      dataDir: path.join(tmp, 'data'),
      keyringHome: path.join(tmp, 'keyring'),
      timeout: 20_000,
    });
    ({ page, takeProblems } = app);
    await page.goto(app.url);
  });

  after(async () => {
    await app?.close();
    await removeDir(tmp);
  });

  it('gets the demo account from Contas bancárias', async () => {
    await useDemoAccount(page, { navigate: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('plans R$ 1.234,57 as an entrada and 10 monthly installments, the leftover on the last', async () => {
    await openNav(page, 'Novo boleto');
    const form = page.getByRole('form', { name: 'Novo boleto' });
    await form.getByText('Conta de demonstração', { exact: true }).waitFor();
    const table = form.getByRole('table', { name: 'Parcelas do carnê' });
    // While the plan is half-typed the live preview answers with its problems, never with a
    // refused call (which takeProblems() would report).
    {
      await form.getByRole('radiogroup', { name: 'Tipo de cobrança' }).getByText('Parcelado (carnê)').click();
      await form.getByRole('group', { name: 'Parcelamento' }).waitFor();
      assert.equal(await form.getByRole('textbox', { name: 'Valor (R$)' }).count(), 0, 'the single amount is still there');

      const payer = form.getByRole('group', { name: 'Pagador' });
      await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).fill(PAYER.document);
      await payer.getByRole('textbox', { name: 'Nome ou razão social' }).fill(PAYER.name);
      await payer.getByRole('textbox', { name: 'CEP' }).fill(PAYER.cep);
      await payer.getByRole('textbox', { name: 'Endereço' }).fill(PAYER.address);
      await payer.getByRole('textbox', { name: 'Número' }).fill(PAYER.number);
      await payer.getByRole('textbox', { name: 'Bairro' }).fill(PAYER.district);
      await payer.getByRole('textbox', { name: 'Cidade' }).fill(PAYER.city);
      await payer.getByRole('combobox', { name: 'UF' }).selectOption(PAYER.uf);

      await form.getByRole('textbox', { name: 'Valor total (R$)' }).fill('1.234,57');
      await form.getByRole('textbox', { name: 'Número de parcelas' }).fill(String(COUNT));
      const first = form.getByRole('textbox', { name: 'Primeiro vencimento' });
      await first.fill(brDate(firstDate));
      await first.press('Tab');
      await form.getByRole('textbox', { name: 'Valor da entrada (R$)' }).fill('200,00');
      const down = form.getByRole('textbox', { name: 'Vencimento da entrada' });
      await down.fill(brDate(downDate));
      await down.press('Tab');
      assert.equal(await form.getByRole('combobox', { name: 'Intervalo entre as parcelas' }).inputValue(), 'monthly');

      // The preview: header, the entrada, 10 installments and the total.
      await waitUntil(
        async () => (await table.getByRole('row').count()) === COUNT + 3 && (await form.getByLabel('Atualizando as parcelas').count()) === 0,
        'the preview of 11 boletos',
      );
    }
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
    // The labels are those the boletos will carry: the entrada is 1 of 11.
    const expected = [[`Entrada (1/${COUNT + 1})`, brDate(downDate), 'R$ 200,00']];
    for (let i = 0; i < COUNT; i++) {
      expected.push([`${i + 2}/${COUNT + 1}`, brDate(addMonths(firstDate, i)), i === COUNT - 1 ? 'R$ 103,52' : 'R$ 103,45']);
    }
    assert.deepEqual(rows, expected);
    const sum = rows.reduce((s, r) => s + cents(r[2]), 0);
    assert.equal(sum, TOTAL_CENTS, `the installments add up to ${sum}, not the total`);
    const footer = await table.locator('tfoot').innerText();
    assert.match(footer, /Total \(entrada e 10 parcelas\)\s+R\$ 1\.234,57/);
    await form.getByText('Tudo certo: o carnê pode ser criado e emitido.').waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'carne-previa.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('creates the 11 drafts linked to one document, and registers the payer', async () => {
    await page.getByRole('button', { name: 'Criar carnê (rascunhos)' }).click();
    const created = page.getByRole('region', { name: 'Carnê criado' });
    await created.waitFor();
    await created.getByText(`11 boletos guardados como rascunho para ${PAYER.name}`, { exact: false }).waitFor();
    const table = created.getByRole('table', { name: 'Boletos do carnê' });
    await waitUntil(async () => (await table.locator('tbody tr').count()) === 11, 'the 11 boletos of the carnê');
    assert.equal(await table.locator('[data-state="draft"]').count(), 11);

    const href = await created.getByRole('link', { name: 'Ver na lista' }).getAttribute('href');
    documentId = Number(/doc=(\d+)/.exec(href ?? '')?.[1]);
    assert.ok(documentId > 0, `no document in ${href}`);
    const doc = await api(page, 'Boletos.Document', [documentId]);
    boletos = doc.boletos;
    assert.equal(doc.kind, 'manual');
    assert.equal(boletos.length, 11);
    assert.deepEqual(
      boletos.map((b) => [b.state, b.amountCents, b.dueDate, b.payerName]),
      [[ 'draft', DOWN_CENTS, downDate, PAYER.name ], ...Array.from({ length: COUNT }, (_, i) => ['draft', i === COUNT - 1 ? 10352 : 10345, addMonths(firstDate, i), PAYER.name])],
    );
    const payers = await api(page, 'Payers.Search', ['', 10]);
    assert.deepEqual(payers.map((p) => [p.name, p.documentFormatted]), [[PAYER.name, PAYER.documentMasked]]);
    const detail = await api(page, 'Boletos.Get', [boletos[1].id]);
    assert.equal(detail.payerId, payers[0].id, 'the boleto is not linked to the registered payer');
    assert.equal(detail.charges.fineCode, 'PERCENTUAL', "the account's charges did not come with the form");
    await page.screenshot({ path: path.join(OUT_DIR, 'carne-criado.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('issues all of them with "Emitir todos" and follows them until every one is Emitido', async () => {
    const created = page.getByRole('region', { name: 'Carnê criado' });
    await created.getByRole('button', { name: 'Emitir todos (11)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/de 11 emitidos/).waitFor();
    await dialog.getByText('11 de 11 emitidos · 0 com falha · 0 restantes').waitFor({ timeout: ISSUE_TIMEOUT_MS });
    await page.screenshot({ path: path.join(OUT_DIR, 'carne-emitido-lote.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Fechar' }).click();

    // The backend's word, then the page's: every boleto of the carnê is "Emitido".
    await waitUntil(async () => {
      const doc = await api(page, 'Boletos.Document', [documentId]);
      assert.ok(!doc.boletos.some((b) => b.state === 'failed'), `a boleto failed: ${JSON.stringify(doc.boletos)}`);
      return doc.boletos.every((b) => b.state === 'issued');
    }, 'every boleto issued', ISSUE_TIMEOUT_MS);
    const table = created.getByRole('table', { name: 'Boletos do carnê' });
    await waitUntil(async () => (await table.locator('[data-state="issued"]').count()) === 11, 'the page shows 11 Emitido');
    assert.deepEqual(await table.locator('[data-state]').allInnerTexts(), Array(11).fill('Emitido'));
    assert.deepEqual(takeProblems(), []);
  });

  it('prints the carnê: 11 slips, three per page, four pages', async () => {
    const created = page.getByRole('region', { name: 'Carnê criado' });
    // In the browser "Imprimir carnê" opens the PDF in a new tab, to print it from there.
    const [tab] = await Promise.all([page.waitForEvent('popup'), created.getByRole('button', { name: 'Imprimir carnê' }).click()]);
    await tab.waitForURL(/^blob:/);
    const url = tab.url();
    await page.getByText('PDF pronto para imprimir').first().waitFor();
    // The blob belongs to the app's page: read it there.
    const base64 = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }, url);
    await tab.close();
    const file = path.join(tmp, 'carne.pdf');
    await writeFile(file, Buffer.from(base64, 'base64'));

    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.equal(info.status, 0, `pdfinfo failed: ${info.stderr}`);
    assert.match(info.stdout, /^Pages:\s+4$/m, `not 4 pages:\n${info.stdout}`);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, `pdftotext failed: ${text.stderr}`);
    for (const b of boletos) {
      assert.ok(text.stdout.includes(b.seuNumero), `the carnê lacks ${b.seuNumero}`);
    }
    assert.ok(!text.stdout.includes('RASCUNHO'), 'an issued boleto printed as a draft');
    assert.deepEqual(takeProblems(), []);
  });

  it("leads from a boleto's Origem to the document's page, which lists the 11", async () => {
    const created = page.getByRole('region', { name: 'Carnê criado' });
    const third = boletos[2];
    await created.getByRole('link', { name: third.seuNumero, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Boleto ${third.seuNumero}` }).waitFor();
    const origin = page.getByRole('region', { name: 'Dados do boleto' }).getByRole('link', { name: 'Origem: Parcelamento' });
    await origin.click();
    await page.waitForURL(new RegExp(`#/documentos/${documentId}$`));
    await page.getByRole('heading', { level: 1, name: 'Parcelamento' }).waitFor();
    const data = await page.getByRole('region', { name: 'Dados do documento' }).innerText();
    assert.match(data, /Tipo\s*Parcelamento/);
    assert.match(data, /R\$ 1\.234,57/);
    assert.match(data, new RegExp(PAYER.name));

    const table = page.getByRole('table', { name: 'Boletos do documento' });
    await waitUntil(async () => (await table.locator('tbody tr').count()) === 11, 'the 11 boletos of the document');
    assert.deepEqual(
      await table.locator('tbody tr td:nth-child(2)').allInnerTexts(),
      boletos.map((b) => b.seuNumero),
    );
    assert.equal(await table.locator('[data-state="issued"]').count(), 11);
    await page.getByRole('status', { name: 'Totais do documento' }).getByText('11 boletos · R$ 1.234,57 · pago R$ 0,00').waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'carne-documento.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('finds the same 11 in the list, by the document and by Origem = Parcelamento', async () => {
    await page.getByRole('link', { name: 'Ver na lista' }).click();
    await page.getByRole('heading', { level: 1, name: 'Boletos' }).waitFor();
    const chip = page.getByRole('group', { name: 'Filtro por documento' });
    await chip.getByText('Parcelamento', { exact: true }).waitFor();
    await page.getByRole('status', { name: 'Totais do filtro' }).getByText('11 boletos', { exact: true }).waitFor();
    assert.equal(await page.getByRole('table', { name: 'Boletos' }).locator('tbody tr').count(), 11);

    await chip.getByRole('button', { name: 'Remover o filtro do documento Parcelamento' }).click();
    await waitUntil(async () => !/doc=/.test(page.url()), 'the document filter leaves the address');

    await page.getByRole('combobox', { name: 'Origem' }).click();
    await page.getByRole('option', { name: 'Parcelamento', exact: true }).click();
    await page.keyboard.press('Escape');
    await waitUntil(async () => /origem=manual/.test(page.url()), 'origem=manual in the address');
    await page.getByRole('status', { name: 'Totais do filtro' }).getByText('11 boletos', { exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Boletos' });
    await waitUntil(async () => (await table.locator('tbody tr').count()) === 11, '11 rows in the list');
    const seus = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual([...seus].sort(), boletos.map((b) => b.seuNumero).sort());
    await page.screenshot({ path: path.join(OUT_DIR, 'carne-lista-origem.png'), fullPage: true });

    // Another origin leaves none: the carnê's boletos are not "boleto avulso". One option at a
    // time, each seen in the address before the next (the list reloads under the open menu).
    await page.getByRole('combobox', { name: 'Origem' }).click();
    await page.getByRole('option', { name: 'Parcelamento', exact: true }).click();
    await page.keyboard.press('Escape');
    await waitUntil(async () => !/origem=/.test(page.url()), 'Parcelamento leaves the address');
    await page.getByRole('combobox', { name: 'Origem' }).click();
    await page.getByRole('option', { name: 'Boleto avulso' }).click();
    await page.keyboard.press('Escape');
    await waitUntil(async () => /origem=avulso(&|$)/.test(page.url()), 'origem=avulso alone in the address');
    await page.getByText('Nenhum boleto com estes filtros').waitFor();
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

/** The same day `n` months later, clamped to the month's last day (as the backend plans). */
function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const month = m - 1 + n;
  const year = y + Math.floor(month / 12);
  const last = new Date(Date.UTC(year, (month % 12) + 1, 0)).getUTCDate();
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** "R$ 1.234,56" → 123456. */
function cents(text) {
  return Number(text.replace(/\D/g, ''));
}
