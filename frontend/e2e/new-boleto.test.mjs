// End-to-end: "Novo boleto" against the real backend (`boletos serve`) and a fresh database,
// in Debian's Chromium, with the demo account (an in-process Banco Inter simulator that
// processes each boleto after a short delay).
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/new-boleto.test.mjs
//
// The payer is typed in the form and registered with "Salvar no cadastro de pagadores"; a due
// date in the past is refused beside "Vencimento" and leaves nothing saved (neither boleto nor
// payer); once fixed, "Emitir agora" opens the boleto and the bank issues it ("Emitido"). Then a
// boleto without amount is saved as "Rascunho", with the payer picked from the register, and
// edited. What was saved is read back from the backend (POST /api/call/… from the page, with
// the page's session), not from the page's memory.
//
// The demo account keeps its secret in the OS keychain: as in accounts.test.mjs, the backend
// runs inside a private D-Bus session with a throw-away keyring when the machine has one.
// BOLETOS_BIN is required; CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to
// build/out/e2e/.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, brDate, describedBy, ISSUE_TIMEOUT_MS, saoPauloDate, useDemoAccount, waitForState } from './steps.mjs';

const MARIA = 'Maria da Conceição Souza';
const MARIA_CPF = '529.982.247-25';
/** How long the demo bank may take to issue a boleto (queue → sending → processing → issued). */

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Novo boleto in the browser, with the demo account', { timeout: 360_000 }, () => {
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
  let issuedId = 0;

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-novo-boleto-');
    // A refused boleto is expected only inside expectRejectedCall().
    app = await openApp({
      dataDir: path.join(tmp, 'data'),
      keyringHome: path.join(tmp, 'keyring'),
      timeout: 20_000,
      rejectedCalls: /\/api\/call\/Boletos\./,
    });
    ({ page, takeProblems, expectRejectedCall, url: appUrl } = app);
  });

  after(async () => {
    await app?.close();
    await removeDir(tmp);
  });

  it('says where to go when there is no account, then gets the demo account from Contas bancárias', async () => {
    await page.goto(appUrl);
    await openNav(page, 'Novo boleto');
    await page.getByText('Nenhuma conta bancária cadastrada').waitFor();
    await page.getByRole('link', { name: 'Ir para Contas bancárias' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contas bancárias' }).waitFor();

    await useDemoAccount(page);
    assert.deepEqual(takeProblems(), []);
  });

  it('refuses a due date in the past beside "Vencimento" and saves nothing, not even the payer', async () => {
    await openNav(page, 'Novo boleto');
    const form = page.getByRole('form', { name: 'Novo boleto' });
    await form.waitFor();
    await form.getByText('Conta de demonstração', { exact: true }).waitFor();
    // The account's parameters came in: the demo charges 1% a month and a 2% fine.
    await form.getByText(/Juros de 1,00% ao mês, multa de 2,00%/).waitFor();

    const payer = form.getByRole('group', { name: 'Pagador' });
    await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).fill('52998224725');
    assert.equal(await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).inputValue(), MARIA_CPF);
    await payer.getByRole('textbox', { name: 'Nome ou razão social' }).fill(MARIA);
    await payer.getByRole('textbox', { name: 'CEP' }).fill('01310100');
    await payer.getByRole('textbox', { name: 'Endereço' }).fill('Avenida Paulista');
    await payer.getByRole('textbox', { name: 'Número' }).fill('1000');
    await payer.getByRole('textbox', { name: 'Bairro' }).fill('Bela Vista');
    await payer.getByRole('textbox', { name: 'Cidade' }).fill('São Paulo');
    await payer.getByRole('combobox', { name: 'UF' }).selectOption('SP');
    await payer.getByRole('checkbox', { name: /Salvar no cadastro de pagadores/ }).check();

    await form.getByRole('textbox', { name: 'Valor (R$)' }).fill('1.234,56');
    const due = form.getByRole('textbox', { name: 'Vencimento', exact: true });
    await due.fill('01/01/2020');
    await due.press('Tab');

    // The live check already says it, beside the field, before any click.
    await waitForDescription(due, /A data de vencimento \(01\/01\/2020\) já passou/);

    // "Emitir agora" with the payer to register: checked first, nothing is sent.
    await form.getByRole('button', { name: 'Emitir agora' }).click();
    await form.getByRole('alert').filter({ hasText: 'O boleto não foi emitido' }).waitFor();
    assert.equal(await due.getAttribute('aria-invalid'), 'true', '"Vencimento" is not marked invalid');
    assert.match(await describedBy(due), /já passou\. Escolha hoje \(\d{2}\/\d{2}\/\d{4}\) ou uma data futura\./);
    await waitForFocus(due);
    assert.notEqual(
      await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).getAttribute('aria-invalid'),
      'true',
      'the valid CPF is marked invalid',
    );
    await page.screenshot({ path: path.join(OUT_DIR, 'novo-boleto-vencimento-passado.png'), fullPage: true });

    // Without the payer to register the form goes to "Emitir agora" itself, which refuses it too.
    await payer.getByRole('checkbox', { name: /Salvar no cadastro de pagadores/ }).uncheck();
    await expectRejectedCall(async () => {
      const refused = page.waitForResponse((r) => r.url().endsWith('/api/call/Boletos.IssueNow'));
      await form.getByRole('button', { name: 'Emitir agora' }).click();
      const response = await refused;
      assert.equal(response.status(), 422, `IssueNow answered ${response.status()}`);
      await form.getByRole('alert').filter({ hasText: 'O boleto não foi emitido' }).waitFor();
    });
    assert.match(await describedBy(due), /A data de vencimento \(01\/01\/2020\) já passou/);
    await payer.getByRole('checkbox', { name: /Salvar no cadastro de pagadores/ }).check();

    const boletos = await api(page, 'Boletos.List', [{ limit: 50 }]);
    assert.equal(boletos.total, 0, `a boleto was saved: ${JSON.stringify(boletos.rows)}`);
    assert.deepEqual(await api(page, 'Payers.Search', ['', 10]), [], 'the payer was registered');
    assert.deepEqual(takeProblems(), []);
  });

  it('issues once the date is fixed, registers the payer and follows the boleto until "Emitido"', async () => {
    const form = page.getByRole('form', { name: 'Novo boleto' });
    const due = form.getByRole('textbox', { name: 'Vencimento', exact: true });
    const dueDate = saoPauloDate(10);
    await due.fill(brDate(dueDate));
    await due.press('Tab');
    await waitForNoDescription(due, /já passou/);

    // What the payer pays: R$ 1.234,56 on the due date, fine and interest after it.
    const table = form.getByRole('table', { name: 'Quanto o pagador paga' });
    await table.getByRole('row').filter({ hasText: 'No vencimento' }).filter({ hasText: 'R$ 1.234,56' }).waitFor();
    const dayAfter = await table.getByRole('row').filter({ hasText: '1 dia após o vencimento' }).innerText();
    assert.match(dayAfter, /multa \+R\$ 24,69/, `no fine on the day after: ${JSON.stringify(dayAfter)}`);
    await form.getByText('Tudo certo: o boleto pode ser emitido.').waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'novo-boleto.png'), fullPage: true });

    await form.getByRole('button', { name: 'Emitir agora' }).click();
    await page.waitForURL(/#\/boletos\/\d+$/);
    issuedId = Number(/#\/boletos\/(\d+)$/.exec(page.url())[1]);
    await page.getByText('Boleto enviado para emissão').waitFor();

    const payers = await api(page, 'Payers.Search', ['', 10]);
    assert.equal(payers.length, 1, `payers registered: ${JSON.stringify(payers)}`);
    assert.equal(payers[0].name, MARIA);
    const saved = await api(page, 'Boletos.Get', [issuedId]);
    assert.equal(saved.payerId, payers[0].id, 'the boleto is not linked to the registered payer');
    assert.equal(saved.row.amountCents, 123456);
    assert.equal(saved.row.dueDate, dueDate);

    // The demo bank issues it after a short delay; the boleto's screen follows the state live.
    const issued = await waitForState(page, issuedId, 'issued');
    assert.equal(issued.row.stateLabel, 'Emitido');
    assert.match(issued.linhaDigitavel, /^\d{5}\.\d{5} \d{5}\.\d{6} \d{5}\.\d{6} \d \d{14}$/);
    await page.getByRole('heading', { level: 1, name: `Boleto ${saved.row.seuNumero}` }).waitFor();
    await page.getByRole('main').getByText('Emitido', { exact: true }).first().waitFor({ timeout: ISSUE_TIMEOUT_MS });
    await page.screenshot({ path: path.join(OUT_DIR, 'novo-boleto-emitido.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('saves a boleto without amount as "Rascunho", with the payer picked from the register, and edits it', async () => {
    await openNav(page, 'Novo boleto');
    const form = page.getByRole('form', { name: 'Novo boleto' });
    await form.waitFor();

    await form.getByRole('searchbox', { name: 'Buscar no cadastro de pagadores' }).fill('conceicao');
    await page.getByRole('option', { name: `${MARIA} — ${MARIA_CPF}` }).click();
    const payer = form.getByRole('group', { name: 'Pagador' });
    assert.equal(await payer.getByRole('textbox', { name: 'CPF ou CNPJ' }).inputValue(), MARIA_CPF);
    assert.equal(await payer.getByRole('textbox', { name: 'CEP' }).inputValue(), '01310-100');
    await form.getByRole('status', { name: 'Pagador do cadastro' }).waitFor();

    // No amount: it cannot be issued, but it can be kept.
    await form.getByRole('list', { name: 'O que falta para emitir' }).getByText(/Informe o valor do boleto/).waitFor();
    await form.getByRole('button', { name: /Salvar rascunho/ }).click();
    await page.waitForURL(/#\/boletos\/\d+$/);
    const id = Number(/#\/boletos\/(\d+)$/.exec(page.url())[1]);
    assert.notEqual(id, issuedId);
    await page.getByText('Rascunho salvo').waitFor();

    const draft = await api(page, 'Boletos.Get', [id]);
    assert.equal(draft.row.state, 'draft');
    assert.equal(draft.row.stateLabel, 'Rascunho');
    assert.equal(draft.row.amountCents, 0);
    assert.ok(draft.problems.some((p) => p.field === 'valor'), `no amount problem: ${JSON.stringify(draft.problems)}`);
    const drafts = await api(page, 'Boletos.List', [{ states: ['draft'], limit: 50 }]);
    assert.deepEqual(drafts.rows.map((r) => [r.id, r.stateLabel, r.payerName]), [[id, 'Rascunho', MARIA]]);

    // Edit it: the amount now, saved with Ctrl+S over its version.
    await page.evaluate((n) => {
      window.location.hash = `#/boletos/${n}/editar`;
    }, id);
    const edit = page.getByRole('form', { name: `Editar boleto ${draft.row.seuNumero}` });
    await edit.waitFor();
    assert.equal(await edit.getByRole('group', { name: 'Pagador' }).getByRole('textbox', { name: 'CPF ou CNPJ' }).inputValue(), MARIA_CPF);
    await edit.getByRole('textbox', { name: 'Valor (R$)' }).fill('50');
    await edit.getByRole('textbox', { name: 'Valor (R$)' }).press('Control+s');
    await page.waitForURL(new RegExp(`#/boletos/${id}$`));
    await page.getByText('Rascunho salvo').first().waitFor();
    const edited = await api(page, 'Boletos.Get', [id]);
    assert.equal(edited.row.amountCents, 5000);
    assert.equal(edited.row.state, 'draft');
    assert.equal(edited.version, draft.version + 1);

    // An issued boleto is not edited here.
    await page.evaluate((n) => {
      window.location.hash = `#/boletos/${n}/editar`;
    }, issuedId);
    await page.getByText('Este boleto não pode mais ser editado').waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'novo-boleto-nao-editavel.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

async function waitForDescription(locator, pattern) {
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await describedBy(locator);
    if (pattern.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the field is not described by ${pattern}: ${JSON.stringify(text)}`);
}

async function waitForNoDescription(locator, pattern) {
  const deadline = Date.now() + 10_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await describedBy(locator);
    if (!pattern.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`the field is still described by ${pattern}: ${JSON.stringify(text)}`);
}

async function waitForFocus(locator) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('the field did not get the focus');
}
