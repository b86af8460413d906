// End-to-end: registering a bank account through the UI of the real backend (`boletos serve`),
// against the Banco Inter simulator (`boletos sim`), in Debian's Chromium.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos npm run e2e
//
// The account is a "Simulador" one: the test uploads a ZIP built like Inter's (two files,
// "Inter API_Certificado.crt" and "Inter API_Chave.key") from the simulator's client files,
// plus the simulator's CA, sees the certificate's expiry, tests the connection, sets the
// boleto parameters and reloads to see them persisted.
//
// Secrets go to the OS keychain. When dbus-run-session and gnome-keyring-daemon exist, the
// backend runs inside a private D-Bus session with a throw-away keyring (in a temp
// XDG_DATA_HOME), so the test never touches the user's keyring. BOLETOS_BIN is required;
// CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to build/out/e2e/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { startSimulator } from './sim.mjs';

const ACCOUNT_NAME = 'Inter Simulado — Loja Centro';
const ZIP_NAME = 'Inter API_Certificado e Chave.zip';

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Contas bancárias in the browser, against the simulator', { timeout: 240_000 }, () => {
  /** @type {import('./sim.mjs').Simulator | undefined} */
  let simulator;
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let tmp = '';
  let appUrl = '';
  /** @type {{ baseUrl: string, clientId: string, clientSecret: string, contaCorrente?: string }} */
  let client;
  let zipBytes = Buffer.alloc(0);
  /** The client certificate's last valid day, as the screens may show it (UTC or São Paulo). */
  let expiryDates = [];

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-contas-');

    // The simulator: it writes ca.crt, client.crt, client.key and client.json to <tmp>/sim.
    simulator = await startSimulator(tmp);
    client = simulator.client;
    const certPem = simulator.cert;
    const keyPem = simulator.key;
    zipBytes = storedZip([
      { name: 'Inter API_Certificado.crt', data: certPem },
      { name: 'Inter API_Chave.key', data: keyPem },
    ]);
    expiryDates = civilDates(new Date(new X509Certificate(certPem).validTo));

    // The app, with a keyring of its own when the machine can give it one. No backend call of
    // these tests is expected to be refused: every console error counts.
    app = await openApp({ dataDir: path.join(tmp, 'data'), keyringHome: path.join(tmp, 'keyring'), timeout: 20_000 });
    ({ page, takeProblems, url: appUrl } = app);
  });

  after(async () => {
    await app?.close();
    await simulator?.stop();
    await removeDir(tmp);
  });

  it('the backend has the Accounts façade', async () => {
    await page.goto(appUrl);
    await page.getByRole('banner').getByText(/^Versão /).waitFor();
    const answer = await page.evaluate(async () => {
      const response = await fetch('/api/call/Accounts.List', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '[]',
        credentials: 'same-origin',
      });
      return { status: response.status, body: await response.text() };
    });
    assert.equal(answer.status, 200, `Accounts.List answered ${answer.status}: ${answer.body}`);
    assert.ok(['null', '[]'].includes(answer.body.trim()), `a fresh data dir already has accounts: ${answer.body}`);
    assert.deepEqual(takeProblems(), []);
  });

  it('shows the empty state with both ways to start', async () => {
    await openNav(page, 'Contas bancárias');
    const empty = page.getByRole('region', { name: 'Nenhuma conta bancária cadastrada' });
    await empty.waitFor();
    await empty.getByRole('button', { name: 'Usar a conta de demonstração' }).waitFor();
    await empty.getByRole('link', { name: 'Cadastrar conta do Banco Inter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nova conta bancária' }).waitFor();
    // The help panel with the bank-side steps is open beside the form.
    await page.getByText('Criar integração', { exact: true }).waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('adds a "Simulador" account from Inter-style ZIP and the CA file, and sees the expiry', async () => {
    await textbox(page, 'Nome da conta').fill(ACCOUNT_NAME);
    await textbox(page, 'Conta').fill(client.contaCorrente || '12345678');
    if (client.contaCorrente) {
      await textbox(page, 'Conta corrente da integração (opcional)').fill(client.contaCorrente);
    }
    await page.getByRole('radio', { name: 'Simulador' }).check();
    await textbox(page, 'Endereço do simulador').fill(client.baseUrl);
    await page.getByLabel(/^Certificado da autoridade do simulador/).setInputFiles(path.join(tmp, 'sim', 'ca.crt'));
    await page.getByText(/^Escolhido: ca\.crt/).waitFor();

    await page
      .getByLabel(/^Arquivo ZIP com o certificado e a chave/)
      .setInputFiles({ name: ZIP_NAME, mimeType: 'application/zip', buffer: zipBytes });
    const chosen = page.getByRole('region', { name: 'Certificado escolhido' });
    await chosen.waitFor();
    const until = await valueOf(chosen, 'Válido até');
    assert.ok(expiryDates.includes(until), `expiry shown ${until}, certificate says ${expiryDates.join(' or ')}`);
    assert.match(await valueOf(chosen, 'Prazo'), /^(Faltam \d+ dias|Falta 1 dia|Vence hoje)$/);
    await page.screenshot({ path: path.join(OUT_DIR, 'contas-nova.png'), fullPage: true });

    await textbox(page, 'Client ID').fill(client.clientId);
    await page.getByLabel(/^Client secret/).fill(client.clientSecret);

    await textbox(page, 'Razão social ou nome').fill('Padaria Pão Quente Ltda');
    await textbox(page, 'CPF ou CNPJ').fill('11222333000181');
    assert.equal(await textbox(page, 'CPF ou CNPJ').inputValue(), '11.222.333/0001-81');
    await textbox(page, 'CEP').fill('86601528');
    await textbox(page, 'Logradouro').fill('Rua das Flores');
    await textbox(page, 'Número').fill('100');
    await textbox(page, 'Bairro').fill('Centro');
    await textbox(page, 'Cidade').fill('Rolândia');
    await page.getByRole('combobox', { name: 'UF' }).selectOption('PR');
    await textbox(page, 'Número da operação').fill('1234567');

    await page.getByRole('button', { name: 'Salvar conta' }).click();
    const h1 = page.getByRole('heading', { level: 1, name: ACCOUNT_NAME });
    await Promise.race([
      h1.waitFor(),
      page
        .getByRole('alert')
        .filter({ hasText: /Confira os dados da conta|A conta não foi salva/ })
        .waitFor()
        .then(async () => {
          const text = await page.getByRole('alert').filter({ hasText: /conta/ }).first().innerText();
          const invalid = await page.locator('[aria-invalid="true"]').evaluateAll((els) =>
            els.map((el) => `${el.getAttribute('aria-label') ?? el.id}: ${el.getAttribute('aria-describedby')}`),
          );
          throw new Error(`the account was not saved: ${text}\ninvalid fields: ${invalid.join('; ')}`);
        }),
    ]);
    assert.match(new URL(page.url()).hash, /^#\/contas\/\d+$/);

    const current = page.getByRole('region', { name: 'Certificado atual' });
    await current.waitFor();
    assert.equal(await valueOf(current, 'Válido até'), until);
    await page.getByText('Conta de simulação').first().waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('tests the connection with the simulator and succeeds', async () => {
    await page.getByRole('button', { name: `Testar conexão da conta ${ACCOUNT_NAME}` }).click();
    const dialog = page.getByRole('dialog', { name: `Testar conexão — ${ACCOUNT_NAME}` });
    await dialog.waitFor();
    const outcome = dialog.locator('[data-outcome]');
    await outcome.waitFor({ timeout: 60_000 });
    const text = await outcome.innerText();
    assert.equal(await outcome.getAttribute('data-outcome'), 'ok', `connection test failed: ${text}`);
    assert.match(text, /Conexão funcionando/);
    const steps = await dialog.getByRole('list', { name: 'Etapas do teste' }).getByRole('listitem').allInnerTexts();
    assert.ok(steps.length > 0, 'the test reported no steps');
    await page.screenshot({ path: path.join(OUT_DIR, 'contas-testar-conexao.png') });
    await dialog.getByRole('button', { name: 'Fechar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(takeProblems(), []);
  });

  it('sets juros 1% a.m., multa 2% and two instruction lines, persisted after a reload', async () => {
    await page.getByRole('link', { name: 'Parâmetros do boleto' }).click();
    await page.getByRole('heading', { level: 1, name: 'Parâmetros do boleto' }).waitFor();
    const convenio = textbox(page, 'Convênio');
    assert.equal(await convenio.isDisabled(), true, 'Convênio should be disabled for direct integration');

    await page.getByRole('radiogroup', { name: 'Juros' }).getByRole('radio', { name: 'Percentual ao mês' }).check();
    await textbox(page, 'Taxa de juros (% ao mês)').fill('1');
    await page.getByRole('radiogroup', { name: 'Multa' }).getByRole('radio', { name: 'Percentual' }).check();
    await textbox(page, 'Multa (% do valor do boleto)').fill('2');
    await textbox(page, 'Linha 1').fill('Não receber após 30 dias do vencimento.');
    await textbox(page, 'Linha 2').fill('Após o vencimento, juros de 1% ao mês e multa de 2%.');
    await page.getByRole('button', { name: 'Salvar parâmetros' }).click();
    await page.getByText('Parâmetros salvos').waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'não foram salvos' }).count(), 0);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Parâmetros do boleto' }).waitFor();
    const rate = textbox(page, 'Taxa de juros (% ao mês)');
    await rate.waitFor();
    assert.equal(
      await page.getByRole('radiogroup', { name: 'Juros' }).getByRole('radio', { name: 'Percentual ao mês' }).isChecked(),
      true,
    );
    assert.equal(await rate.inputValue(), '1,00');
    assert.equal(await textbox(page, 'Multa (% do valor do boleto)').inputValue(), '2,00');
    assert.equal(await textbox(page, 'Linha 1').inputValue(), 'Não receber após 30 dias do vencimento.');
    assert.equal(await textbox(page, 'Linha 2').inputValue(), 'Após o vencimento, juros de 1% ao mês e multa de 2%.');
    assert.equal(await textbox(page, 'Linha 3').inputValue(), '');
    await page.screenshot({ path: path.join(OUT_DIR, 'contas-parametros.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('lists the account labelled as a simulation, with its certificate expiry', async () => {
    await openNav(page, 'Contas bancárias');
    const card = page.getByRole('article', { name: ACCOUNT_NAME });
    await card.waitFor();
    await card.getByText('Simulação', { exact: true }).waitFor();
    await card.getByText('Simulador', { exact: true }).waitFor();
    const certificate = await valueOf(card, 'Certificado');
    assert.ok(
      expiryDates.some((d) => certificate.includes(`Válido até ${d}`)),
      `certificate line: ${JSON.stringify(certificate)}`,
    );
    await page.screenshot({ path: path.join(OUT_DIR, 'contas-lista.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

function textbox(page, name) {
  return page.getByRole('textbox', { name, exact: true });
}

/** The text of the <dd> after the <dt> with this label, inside `scope`. */
async function valueOf(scope, label) {
  const term = scope.locator('dt', { hasText: label }).first();
  return (await term.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

/** A date as DD/MM/YYYY in UTC and in São Paulo (the backend may count in either). */
function civilDates(date) {
  const fmt = (timeZone) =>
    new Intl.DateTimeFormat('pt-BR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
  return [...new Set([fmt('UTC'), fmt('America/Sao_Paulo')])];
}

// ---------------------------------------------------------------------------------------------
// A minimal ZIP writer (stored entries, no compression): enough to build the file Inter hands
// out, without a dependency. Layout per PKWARE APPNOTE: local headers + data, central
// directory, end-of-central-directory record. Names are flagged UTF-8 (bit 11).

function storedZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, nameBytes, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk number, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Self-checks of the ZIP writer: a broken one would show up as a confusing backend refusal.
it('computes the standard CRC-32', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

it('builds ZIPs that unzip reads back', { skip: !existsSync('/usr/bin/unzip') && 'no /usr/bin/unzip' }, async () => {
  const dir = await makeTempDir('boletos-zip-');
  try {
    const file = path.join(dir, 'teste.zip');
    await writeFile(file, storedZip([{ name: 'Inter API_Chave.key', data: Buffer.from('chave\n') }]));
    const listed = spawnSync('/usr/bin/unzip', ['-p', file, 'Inter API_Chave.key'], { encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.stdout, 'chave\n');
  } finally {
    await removeDir(dir);
  }
});
