// End-to-end: "Configurações" against the real backend (`boletos serve`) and a fresh database,
// in Debian's Chromium, with the demo account (an in-process Banco Inter simulator).
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/settings.test.mjs
//
// "Fazer backup agora" puts a new, checked copy in the list (and on disk, as an SQLite file),
// and the restore help gives the exact command for it. The e-mail form of the demo account is
// pointed at a loopback SMTP responder (e2e/smtp.mjs: plain SMTP, security "none" and no user,
// which the backend allows only for a server on this computer), tested with "Testar conexão"
// and saved. Then a boleto is issued (POST /api/call/Boletos.IssueNow from the page) and sent
// with Mail.Send: the responder receives one message to the payer's address, whose text has
// the boleto's linha digitável and whose attachment is its PDF.
//
// The demo account keeps its secret in the OS keychain: as in accounts.test.mjs, the backend
// runs inside a private D-Bus session with a throw-away keyring when the machine has one.
// BOLETOS_BIN is required; CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to
// build/out/e2e/.

import assert from 'node:assert/strict';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, findDemoAccount, issueBoleto, saoPauloDate, useDemoAccount, waitForState, waitUntil } from './steps.mjs';
import { mimeParts, parseEntity, startSmtp } from './smtp.mjs';

const MARIA = 'Maria da Conceição Souza';
const MARIA_EMAIL = 'maria.souza@example.com.br';
const SENDER = 'financeiro@paoquente.com.br';
/** How long the demo bank may take to issue a boleto (queue → sending → processing → issued). */
const ISSUE_TIMEOUT_MS = 90_000;
/** How long the outbox may take to hand the e-mail to the SMTP server once asked. */
const SEND_TIMEOUT_MS = 45_000;

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Configurações: backups and e-mail, with the demo account', { timeout: 420_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  /** @type {import('./smtp.mjs').SmtpServer | undefined} */
  let smtp;
  let tmp = '';
  let accountId = 0;

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-configuracoes-');
    smtp = await startSmtp();
    app = await openApp({ dataDir: path.join(tmp, 'data'), keyringHome: path.join(tmp, 'keyring'), timeout: 20_000 });
    ({ page, takeProblems } = app);
  });

  after(async () => {
    await app?.close();
    await smtp?.close();
    await removeDir(tmp);
  });

  it('gets the demo account from Contas bancárias', async () => {
    await page.goto(app.url);
    await useDemoAccount(page, { navigate: true });
    accountId = (await findDemoAccount(page)).id;
    assert.deepEqual(takeProblems(), []);
  });

  it('"Fazer backup agora" adds a checked copy to the list, with the command to restore it', async () => {
    await openNav(page, 'Configurações');
    const section = page.getByRole('region', { name: 'Cópias de segurança', exact: true });
    const { dir } = await api(page, 'Backups.List', []);
    await section.getByText(dir, { exact: true }).waitFor();

    // Copies are named to the minute and one taken in the same minute replaces the other: wait
    // for a minute no listed copy has (the program took one itself when it started).
    const before = await waitForFreshMinute(page);
    const clickedAt = Date.now();
    await section.getByRole('button', { name: 'Fazer backup agora' }).click();

    const toast = page.getByText(/^Cópia boletos-\d{4}-\d{2}-\d{2}T\d{4}\.db \(.+\) conferida e guardada\.$/);
    await toast.waitFor();
    const name = /boletos-\d{4}-\d{2}-\d{2}T\d{4}\.db/.exec(await toast.innerText())[0];
    assert.ok(!before.includes(name), `${name} was already listed: ${before.join(', ')}`);

    // It is in the list, at the top, with its date and time (São Paulo, as in its name).
    const [, y, mo, d, h, mi] = /(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})/.exec(name);
    const rows = section.getByRole('table', { name: 'Cópias de segurança' }).getByRole('row');
    await rows.filter({ hasText: name }).waitFor();
    const first = (await rows.nth(1).innerText()).replace(/\s+/g, ' ');
    assert.match(first, new RegExp(`^${d}/${mo}/${y} ${h}:${mi} Cópia diária ou manual [\\d.]+(,\\d)? (KB|MB) ${name.replace(/\./g, '\\.')} Restaurar…$`));

    // And on disk: a new SQLite database.
    const file = path.join(dir, name);
    const info = await stat(file);
    assert.ok(info.mtimeMs >= clickedAt - 2_000, `${file} is older than the click`);
    const handle = await open(file, 'r');
    const header = Buffer.alloc(16);
    await handle.read(header, 0, 16, 0);
    await handle.close();
    assert.equal(header.toString('latin1'), 'SQLite format 3\0');

    // How to restore it, with the program closed: the exact command for this computer.
    const { dataDir } = await api(page, 'System.Info', []);
    const help = section.getByRole('region', { name: 'Como restaurar uma cópia' });
    await help.getByText('boletos restore <arquivo>', { exact: true }).waitFor();
    assert.equal(
      (await help.locator('[data-restore-command]').innerText()).trim(),
      `boletos restore --data-dir "${dataDir}" "${file}"`,
    );
    assert.match(await help.innerText(), /com o programa fechado/);
    assert.deepEqual(takeProblems(), []);
  });

  it('saves the demo account\'s e-mail settings, pointing at the SMTP server of this computer', async () => {
    const mail = page.getByRole('region', { name: 'E-mail', exact: true });
    assert.equal(await mail.getByRole('combobox', { name: 'Conta' }).inputValue(), String(accountId));
    const form = mail.getByRole('form', { name: 'E-mail da conta Conta de demonstração' });
    await form.waitFor();
    await form.getByText(/ainda não foi configurado/).waitFor();

    await form.getByRole('textbox', { name: /Servidor SMTP/ }).fill('127.0.0.1');
    await form.getByRole('combobox', { name: 'Segurança da conexão' }).selectOption('none');
    await form.getByRole('textbox', { name: /^Porta/ }).fill(String(smtp.port));
    await form.getByRole('textbox', { name: 'Usuário' }).fill('');
    await form.getByRole('textbox', { name: 'Nome do remetente' }).fill('Padaria Pão Quente');
    await form.getByRole('textbox', { name: /E-mail do remetente/ }).fill(SENDER);

    await form.getByRole('button', { name: 'Testar conexão' }).click();
    await form
      .getByText(new RegExp(`^Conexão com 127\\.0\\.0\\.1:${smtp.port} bem-sucedida \\(sem criptografia\\)\\. Nenhuma mensagem foi enviada\\.$`))
      .waitFor();
    assert.equal(smtp.messages.length, 0, 'the connection test sent a message');

    await form.getByRole('button', { name: 'Salvar' }).click();
    await page.getByText('As configurações de e-mail da conta Conta de demonstração foram salvas.').waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'configuracoes.png'), fullPage: true });

    const saved = await api(page, 'Mail.Settings', [accountId]);
    assert.deepEqual(
      { host: saved.host, port: saved.port, security: saved.security, username: saved.username, fromAddress: saved.fromAddress, configured: saved.configured },
      { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', fromAddress: SENDER, configured: true },
    );

    // Opened again, the form shows what was saved.
    await page.reload();
    const again = page.getByRole('form', { name: 'E-mail da conta Conta de demonstração' });
    await again.waitFor();
    assert.equal(await again.getByRole('textbox', { name: /Servidor SMTP/ }).inputValue(), '127.0.0.1');
    assert.equal(await again.getByRole('combobox', { name: 'Segurança da conexão' }).inputValue(), 'none');
    assert.equal(await again.getByText(/ainda não foi configurado/).count(), 0);
    assert.deepEqual(takeProblems(), []);
  });

  it('sends an issued boleto to its payer with the PDF attached', async () => {
    const issued = await issueBoleto(page, accountId, {
      amountCents: 12345,
      dueDate: saoPauloDate(10),
      payer: {
        document: '52998224725',
        name: MARIA,
        address: 'Avenida Paulista',
        number: '1000',
        district: 'Bela Vista',
        city: 'São Paulo',
        uf: 'SP',
        cep: '01310100',
        email: MARIA_EMAIL,
      },
    });
    const id = issued.row.id;
    const detail = await waitForState(page, id, 'issued', ISSUE_TIMEOUT_MS);

    const queued = await api(page, 'Mail.Send', [[id], '']);
    assert.equal(queued.length, 1);
    assert.equal(queued[0].to, MARIA_EMAIL);
    assert.equal(queued[0].boletoId, id);

    const [received] = await smtp.waitForMessages(1, SEND_TIMEOUT_MS);
    assert.equal(smtp.messages.length, 1);
    assert.equal(received.from, SENDER);
    assert.deepEqual(received.to, [MARIA_EMAIL]);

    const { headers } = parseEntity(received.data);
    assert.match(headers.to, new RegExp(MARIA_EMAIL.replace(/\./g, '\\.')));
    assert.match(headers['content-type'], /^multipart\/mixed;/);
    const parts = mimeParts(received.data);
    const pdfs = parts.filter((p) => /^application\/pdf\b/.test(p.headers['content-type'] ?? ''));
    assert.equal(pdfs.length, 1, `parts: ${JSON.stringify(parts.map((p) => p.headers['content-type']))}`);
    assert.equal(pdfs[0].headers['content-transfer-encoding'], 'base64');
    assert.match(pdfs[0].headers['content-disposition'], /^attachment;.*filename="?boleto-.+\.pdf"?/);
    const pdf = Buffer.from(pdfs[0].body.replace(/\s+/g, ''), 'base64');
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 5_000, `a PDF of ${pdf.length} bytes`);

    // The text (default template) names the payer and carries the linha digitável.
    const text = parts.find((p) => /^text\/plain\b/.test(p.headers['content-type'] ?? ''));
    assert.ok(text, 'no text part');
    const body = decodeQuotedPrintable(text.body);
    assert.match(body, new RegExp(`Olá, ${MARIA}\\.`));
    assert.ok(body.includes(detail.linhaDigitavel), `the text lacks ${detail.linhaDigitavel}:\n${body}`);

    // The boleto's e-mail is "sent".
    await waitUntil(
      async () => {
        const list = await api(page, 'Mail.Messages', [id]);
        return list.length === 1 && list[0].state === 'sent' ? list : null;
      },
      'the e-mail to be marked as sent',
      15_000,
      500,
    );
    assert.deepEqual(takeProblems(), []);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * Waits until the minute in São Paulo is one no listed copy was taken in, so that a copy taken
 * now gets a new name; returns the names listed.
 */
async function waitForFreshMinute(page) {
  for (;;) {
    const { backups } = await api(page, 'Backups.List', []);
    const names = backups.map((b) => b.name);
    const stamp = `boletos-${minuteInSaoPaulo()}.db`;
    // Leave a few seconds of margin before the minute turns.
    if (!names.includes(stamp) && new Date().getSeconds() < 55) return names;
    await sleep(((60 - new Date().getSeconds()) % 60) * 1000 + 500);
  }
}

/** Now in São Paulo as YYYY-MM-DDTHHMM, the stamp of the backups' names. */
function minuteInSaoPaulo() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Sao_Paulo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}${parts.minute}`;
}

/** Quoted-printable (RFC 2045) of UTF-8 text, as the backend writes the text part. */
function decodeQuotedPrintable(s) {
  const bytes = s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
