// End-to-end: "Importar documentos" against the real backend (`boletos serve`) and a fresh
// database, in Debian's Chromium, with the demo account (an in-process Banco Inter simulator).
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/import.test.mjs
//
// Three XML fixtures of internal/docimport (an NF-e in three duplicatas, an NFS-e without a due
// date, a cancelled NF-e) and the model CSV, downloaded from the page's own link, are picked
// with "Escolher arquivos" (a later CSV is dropped on the drop zone). The preview shows the NF-e's three installments, the cancelled
// note's error (unticked, disabled); "Criar rascunhos" makes exactly the drafts the preview
// announced, read back from the backend and from the list. The same files again say
// "Já importado" and create nothing. A fresh CSV with future dates goes through
// "Criar e emitir": the batch finishes and the bank issues both boletos.
//
// The demo account keeps its secret in the OS keychain: as in new-boleto.test.mjs, the backend
// runs inside a private D-Bus session with a throw-away keyring when the machine has one.
// BOLETOS_BIN is required; CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to
// build/out/e2e/.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, brDate, ISSUE_TIMEOUT_MS, saoPauloDate, saveDownload, useDemoAccount, waitUntil } from './steps.mjs';

const TESTDATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../internal/docimport/testdata');
const NFE = path.join(TESTDATA, 'nfe_400_cnpj_3dup.xml');
const NFSE = path.join(TESTDATA, 'nfse_nacional.xml');
const CANCELLED = path.join(TESTDATA, 'nfe_400_cancelled.xml');
/**
 * The boletos the first import makes: the NF-e's 3 duplicatas, the NFS-e's 1, and the model
 * CSV's venda 1001 (1), pedido 2001 (3) and OS 3001 (a down payment and 10 installments).
 */
const FIRST_IMPORT_BOLETOS = 3 + 1 + 1 + 3 + 11;
/** How long the demo bank may take to issue a boleto (queue → sending → processing → issued). */

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Importar documentos in the browser, with the demo account', { timeout: 420_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let appUrl = '';
  let tmp = '';
  let template = '';

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-importar-');
    app = await openApp({ dataDir: path.join(tmp, 'data'), keyringHome: path.join(tmp, 'keyring'), timeout: 20_000 });
    ({ page, takeProblems, url: appUrl } = app);
  });

  after(async () => {
    await app?.close();
    await removeDir(tmp);
  });

  it('says where to go when there is no account, then gets the demo account from Contas bancárias', async () => {
    await page.goto(appUrl);
    await openNav(page, 'Importar documentos');
    await page.getByText('Nenhuma conta bancária cadastrada').waitFor();
    await page.getByRole('link', { name: 'Ir para Contas bancárias' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contas bancárias' }).waitFor();
    await useDemoAccount(page);
    assert.deepEqual(takeProblems(), []);
  });

  it('downloads the model CSV from its link', async () => {
    await openNav(page, 'Importar documentos');
    const saved = await saveDownload(page, page.getByRole('button', { name: 'Baixar modelo de planilha CSV' }), tmp);
    assert.equal(saved.name, 'modelo-importacao-boletos.csv');
    template = saved.file;
    const text = await readFile(template, 'utf8');
    assert.match(text, /^\uFEFFtipo;numero;serie;emissao;pagador_nome;pagador_documento;/);
    assert.deepEqual(takeProblems(), []);
  });

  it('previews the XML and the CSV: the NF-e in three installments, the cancelled note unticked', async () => {
    await pickFiles(page, [NFE, NFSE, CANCELLED, template]);
    const table = page.getByRole('table', { name: 'Documentos encontrados' });
    await table.waitFor();
    assert.equal(
      await statusText(page, 'Documentos encontrados'),
      '6 documentos encontrados · 1 com erro',
    );

    const nfe = table.getByRole('rowgroup', { name: 'NF-e 1234' });
    assert.match(await nfe.innerText(), /Comércio de Ferragens Boa Vista Ltda/);
    assert.match(await nfe.innerText(), /11\.444\.777\/0001-61/);
    assert.match(await nfe.innerText(), /R\$\s1\.615,00/);
    const installments = await nfe.getByRole('table', { name: 'Parcelas' }).getByRole('row').allInnerTexts();
    assert.deepEqual(
      installments.map((t) => t.replace(/\s+/g, ' ').trim()),
      ['001 09/04/2026 R$ 538,33', '002 09/05/2026 R$ 538,33', '003 08/06/2026 R$ 538,34'],
    );
    // Those dates passed: a warning, not an error; the note is ticked.
    assert.match(await nfe.innerText(), /Atenção: A duplicata 001 venceu em 09\/04\/2026/);
    assert.equal(await nfe.getByRole('checkbox', { name: 'Importar NF-e 1234' }).isChecked(), true);

    // The NFS-e has no due date: the account's term applies.
    const nfse = table.getByRole('rowgroup', { name: 'NFS-e 42' });
    assert.match(await nfse.innerText(), /prazo padrão \(\d{2}\/\d{2}\/\d{4}\)/);

    const cancelled = table.getByRole('rowgroup', { name: 'NF-e 1242' });
    assert.match(await cancelled.innerText(), /Erro: A NF-e 1242 foi cancelada/);
    const box = cancelled.getByRole('checkbox', { name: 'Importar NF-e 1242' });
    assert.equal(await box.isChecked(), false);
    assert.equal(await box.isDisabled(), true);

    // The model CSV's three documents.
    for (const name of ['Pedido de venda 1001', 'Pedido de venda 2001', 'Ordem de serviço 3001']) {
      await table.getByRole('rowgroup', { name }).waitFor();
    }
    assert.equal(
      await statusText(page, 'O que será criado'),
      `Serão criados ${FIRST_IMPORT_BOLETOS} boletos de 5 documentos.`,
    );
    await page.getByRole('combobox', { name: 'Conta que emite os boletos' }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Conta que emite os boletos' }).inputValue(), '1');
    await page.screenshot({ path: path.join(OUT_DIR, 'importar-previa.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('"Criar rascunhos" makes exactly the drafts announced', async () => {
    await page.getByRole('button', { name: 'Criar rascunhos' }).click();
    const summary = page.getByRole('region', { name: `${FIRST_IMPORT_BOLETOS} boletos criados` });
    await summary.waitFor();
    const counts = await summary.getByRole('list', { name: 'Resumo da importação' }).innerText();
    assert.match(counts, new RegExp(`${FIRST_IMPORT_BOLETOS} boletos criados como rascunho`));
    assert.match(counts, /0 já existiam/);
    assert.match(counts, /0 documentos com erro/);
    await page.screenshot({ path: path.join(OUT_DIR, 'importar-resultado.png'), fullPage: true });

    const drafts = await api(page, 'Boletos.List', [{ states: ['draft'], limit: 100 }]);
    assert.equal(drafts.total, FIRST_IMPORT_BOLETOS);
    const all = await api(page, 'Boletos.List', [{ limit: 100 }]);
    assert.equal(all.total, FIRST_IMPORT_BOLETOS, 'something other than drafts was created');
    const nfe = drafts.rows
      .filter((r) => r.payerName === 'Comércio de Ferragens Boa Vista Ltda')
      .map((r) => [r.dueDate, r.amountCents])
      .sort();
    assert.deepEqual(nfe, [
      ['2026-04-09', 53833],
      ['2026-05-09', 53833],
      ['2026-06-08', 53834],
    ]);
    // The NFS-e names the tomador's city only by its IBGE code (4205407): the draft has its name.
    const nfse = drafts.rows.filter((r) => r.payerName === 'Destinatário Comércio Ltda');
    assert.equal(nfse.length, 1);
    const { payer } = await api(page, 'Boletos.Get', [nfse[0].id]);
    assert.deepEqual([payer.city, payer.uf], ['Florianópolis', 'SC']);

    // The list, with the "Rascunhos" preset, shows them.
    await summary.getByRole('link', { name: 'Ver os rascunhos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Boletos' }).waitFor();
    assert.match(new URL(page.url()).hash, /^#\/boletos\?situacao=draft&conta=1$/);
    const totals = page.getByRole('status', { name: 'Totais do filtro' });
    await totals.filter({ hasText: `${FIRST_IMPORT_BOLETOS} boletos` }).waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('the same files again say "Já importado" and create nothing', async () => {
    await openNav(page, 'Importar documentos');
    await pickFiles(page, [NFE, NFSE, CANCELLED, template]);
    const table = page.getByRole('table', { name: 'Documentos encontrados' });
    await table.waitFor();
    assert.equal(await statusText(page, 'Documentos encontrados'), '6 documentos encontrados · 1 com erro · 5 já importados');
    assert.equal(await table.getByText('Já importado', { exact: true }).count(), 5);
    assert.equal(await table.getByText('já tem boleto', { exact: true }).count(), FIRST_IMPORT_BOLETOS);
    assert.match(await statusText(page, 'O que será criado'), /^Nenhum documento selecionado/);
    assert.equal(await page.getByRole('button', { name: 'Criar rascunhos' }).isDisabled(), true);
    await page.screenshot({ path: path.join(OUT_DIR, 'importar-ja-importado.png'), fullPage: true });

    // Even when asked to, nothing is created twice.
    await page.getByRole('checkbox', { name: 'Selecionar todos os documentos' }).check();
    assert.equal(await statusText(page, 'O que será criado'), 'Serão criados 0 boletos de 5 documentos.');
    await page.getByRole('button', { name: 'Criar rascunhos' }).click();
    const summary = page.getByRole('region', { name: 'Nenhum boleto criado' });
    await summary.waitFor();
    const counts = await summary.getByRole('list', { name: 'Resumo da importação' }).innerText();
    assert.match(counts, /0 boletos criados/);
    assert.match(counts, new RegExp(`${FIRST_IMPORT_BOLETOS} já existiam`));
    const all = await api(page, 'Boletos.List', [{ limit: 100 }]);
    assert.equal(all.total, FIRST_IMPORT_BOLETOS);
    assert.deepEqual(takeProblems(), []);
  });

  it('"Criar e emitir" on a new CSV sends the boletos to the bank, which issues them', async () => {
    const csv = path.join(tmp, 'pedido-9001.csv');
    const first = saoPauloDate(20);
    const second = saoPauloDate(50);
    await writeFile(
      csv,
      [
        'tipo;numero;pagador_nome;pagador_documento;logradouro;numero_endereco;bairro;cidade;uf;cep;valor;vencimento;parcela',
        `pedido;9001;Maria da Silva;529.982.247-25;Rua das Flores;123;Centro;São Paulo;SP;01310-100;250,00;${brDate(first)};1/2`,
        `pedido;9001;Maria da Silva;529.982.247-25;Rua das Flores;123;Centro;São Paulo;SP;01310-100;250,00;${brDate(second)};2/2`,
        '',
      ].join('\r\n'),
    );

    const summaryBefore = page.getByRole('region', { name: 'Nenhum boleto criado' });
    await summaryBefore.getByRole('button', { name: 'Importar outros arquivos' }).click();
    // This time dropped on the drop zone, as a clerk drags it from the file manager.
    await dropFile(page, 'pedido-9001.csv', await readFile(csv, 'utf8'));
    const table = page.getByRole('table', { name: 'Documentos encontrados' });
    await table.waitFor();
    const rows = await table
      .getByRole('rowgroup', { name: 'Pedido de venda 9001' })
      .getByRole('table', { name: 'Parcelas' })
      .getByRole('row')
      .allInnerTexts();
    assert.deepEqual(
      rows.map((t) => t.replace(/\s+/g, ' ').trim()),
      [`1/2 ${brDate(first)} R$ 250,00`, `2/2 ${brDate(second)} R$ 250,00`],
    );
    assert.equal(await statusText(page, 'O que será criado'), 'Serão criados 2 boletos de 1 documento.');

    await page.getByRole('button', { name: 'Criar e emitir' }).click();
    const panel = page.getByRole('dialog', { name: 'Emissão concluída' });
    await panel.waitFor({ timeout: ISSUE_TIMEOUT_MS });
    await panel.getByText('2 de 2 emitidos · 0 com falha · 0 restantes').waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'importar-emitidos.png'), fullPage: true });
    await panel.getByRole('button', { name: 'Fechar' }).click();

    const summary = page.getByRole('region', { name: '2 boletos criados e enviados ao banco' });
    await summary.waitFor();

    // The bank issues both (the demo account answers after a short delay).
    let issued;
    await waitUntil(
      async () => {
        issued = await api(page, 'Boletos.List', [{ states: ['issued'], text: '529.982.247-25', limit: 10 }]);
        return issued.total === 2;
      },
      'the two boletos to be issued',
      ISSUE_TIMEOUT_MS,
      500,
    ).catch(() => {}); // on a timeout, the assertion below lists what was issued
    assert.equal(issued.total, 2, `issued: ${JSON.stringify(issued.rows)}`);
    assert.deepEqual(issued.rows.map((r) => [r.dueDate, r.amountCents, r.installment]).sort(), [
      [first, 25000, '1/2'],
      [second, 25000, '2/2'],
    ]);
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

/** "Escolher arquivos" with these files (Playwright fills the native input). */
async function pickFiles(page, files) {
  await page.locator('input[type="file"][aria-label="Escolher arquivos"]').setInputFiles(files);
}

/** Drags a text file onto "Arquivos para importar" (a real drop event with a DataTransfer). */
async function dropFile(page, name, text) {
  const zone = page.getByRole('region', { name: 'Arquivos para importar' });
  const dataTransfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'text/csv' }));
      return dt;
    },
    [name, text],
  );
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.getByText('Solte os arquivos para lê-los').waitFor();
  await zone.dispatchEvent('drop', { dataTransfer });
}

async function statusText(page, name) {
  return (await page.getByRole('status', { name }).innerText()).replace(/\s+/g, ' ').trim();
}
