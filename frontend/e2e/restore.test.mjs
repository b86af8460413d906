// End-to-end: "Restaurar…" and "Mover…" in Configurações against the real backend (`boletos
// serve`) on a fresh data folder, in Debian's Chromium. Both end the session: the program
// restarts itself (same process, same address and token) and applies the operation before it
// opens the data, and the page waits for it and reloads.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/restore.test.mjs
//
// Restore: a payer saved before "Fazer backup agora" and one saved after it; "Restaurar…" on that
// copy shows what it holds, and once confirmed the page comes back with the first payer only, and
// the data of before the restore kept as a safety copy. Move: the data go to a new folder, the
// page comes back showing it, the old folder keeps only the pointer to the new one, and the data
// are all there.
//
// BOLETOS_BIN is required; CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to
// build/out/e2e/.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, party } from './steps.mjs';

const BEFORE = 'Padaria Pão Quente Ltda';
const AFTER = 'Oficina do Zé ME';
const ADDRESS = { address: 'Rua das Flores', number: '12', district: 'Centro', city: 'São Paulo', uf: 'SP', cep: '01310100' };
/** How long the program may take to close, apply the operation and answer again. */
const RESTART_TIMEOUT_MS = 60_000;

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Configurações: restore a backup and move the data folder, restarting the program', { timeout: 240_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let tmp = '';
  let dataDir = '';

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-restaurar-');
    dataDir = path.join(tmp, 'data');
    app = await openApp({
      dataDir,
      keyringHome: path.join(tmp, 'keyring'),
      timeout: 20_000,
      rejectedCalls: /\/api\/call\/System\.CheckDataFolder$/,
    });
    ({ page, takeProblems } = app);
  });

  after(async () => {
    await app?.close();
    await removeDir(tmp);
  });

  /** The page's problems, less the refused connections of the restart itself. */
  function problems() {
    return takeProblems().filter((p) => !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|\/api\/events/.test(p));
  }

  async function payerNames() {
    const list = await api(page, 'Payers.Search', ['', 50]);
    return list.map((p) => p.name).sort();
  }

  it('restores a copy from the list: what was saved after it is gone, what was before is there', async () => {
    await page.goto(app.url);
    await api(page, 'Payers.Create', [party({ ...ADDRESS, document: '11222333000181', name: BEFORE })]);
    await openNav(page, 'Configurações');
    const section = page.getByRole('region', { name: 'Cópias de segurança', exact: true });

    // The copy holds the first payer (one taken in the same minute replaces the program's own).
    await section.getByRole('button', { name: 'Fazer backup agora' }).click();
    const toast = page.getByText(/^Cópia boletos-\d{4}-\d{2}-\d{2}T\d{4}\.db \(.+\) conferida e guardada\.$/);
    await toast.waitFor();
    const name = /boletos-\d{4}-\d{2}-\d{2}T\d{4}\.db/.exec(await toast.innerText())[0];
    await api(page, 'Payers.Create', [party({ ...ADDRESS, document: '52998224725', name: AFTER })]);
    assert.deepEqual(await payerNames(), [AFTER, BEFORE]);
    const { sessionStarted } = await api(page, 'System.Settings', []);

    await section.getByRole('button', { name: `Restaurar a cópia ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurar backup' });
    const details = dialog.getByLabel('Conteúdo do backup');
    await details.waitFor();
    const text = (await details.innerText()).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`Arquivo ${path.join(dataDir, 'backups', name).replace(/[.]/g, '\\.')}`));
    assert.match(text, /Contas bancárias nenhuma/);
    assert.match(text, /Pagadores 1 /);
    assert.match(text, /Boletos nenhum/);
    await dialog.getByText(/o que foi feito depois dele deixa de aparecer/).waitFor();
    await page.screenshot({ path: path.join(OUT_DIR, 'restaurar-backup.png'), fullPage: true });

    await dialog.getByRole('button', { name: 'Restaurar este backup' }).click();
    await page.getByRole('status', { name: 'Reiniciando o Boletos' }).waitFor();

    // The page reloads by itself once the new session answers.
    const notice = page.getByRole('status', { name: 'Backup restaurado' });
    await notice.waitFor({ timeout: RESTART_TIMEOUT_MS });
    assert.match(await notice.innerText(), /Os dados de antes da restauração foram guardados em .*boletos-antes-de-restaurar-/);
    assert.notEqual((await api(page, 'System.Settings', [])).sessionStarted, sessionStarted);
    assert.deepEqual(await payerNames(), [BEFORE]);

    await openNav(page, 'Pagadores');
    await page.getByText(BEFORE, { exact: true }).waitFor();
    assert.equal(await page.getByText(AFTER, { exact: true }).count(), 0);

    // The data replaced are kept aside, and listed.
    const { backups } = await api(page, 'Backups.List', []);
    const safety = backups.filter((b) => b.kind === 'safety');
    assert.equal(safety.length, 1, JSON.stringify(backups));
    assert.deepEqual(problems(), []);
  });

  it('moves the data folder: the page comes back on the new folder, the old one points to it', async () => {
    const target = path.join(tmp, 'outro lugar', 'boletos');
    await openNav(page, 'Configurações');
    const section = page.getByRole('region', { name: 'Pasta dos dados', exact: true });
    await section.getByRole('group', { name: 'Pasta dos dados' }).getByText(dataDir, { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Mover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mover a pasta dos dados' });
    const field = dialog.getByRole('textbox', { name: /Nova pasta dos dados/ });

    // Inside the current folder: refused beside the field.
    await field.fill(path.join(dataDir, 'backups'));
    await app.expectRejectedCall(async () => {
      await dialog.getByRole('button', { name: 'Continuar' }).click();
      await dialog.getByText(/fica dentro da pasta atual/).waitFor();
    });

    await field.fill(target);
    await dialog.getByRole('button', { name: 'Continuar' }).click();
    const confirm = dialog.getByRole('group', { name: 'Confirmar a mudança' });
    await confirm.getByText(target, { exact: true }).waitFor();
    await confirm.getByRole('button', { name: 'Mover e reiniciar' }).click();
    await page.getByRole('status', { name: 'Reiniciando o Boletos' }).waitFor();

    const notice = page.getByRole('status', { name: 'Pasta dos dados movida' });
    await notice.waitFor({ timeout: RESTART_TIMEOUT_MS });
    assert.match(await notice.innerText(), new RegExp(`para ${target.replace(/[.]/g, '\\.')}\\.`));
    await section.getByRole('group', { name: 'Pasta dos dados' }).getByText(target, { exact: true }).waitFor();
    const settings = await api(page, 'System.Settings', []);
    assert.equal(settings.dataDir, target);
    assert.equal(settings.logFile, path.join(target, 'boletos.log'));
    assert.deepEqual(await payerNames(), [BEFORE]);
    await page.screenshot({ path: path.join(OUT_DIR, 'pasta-dos-dados-movida.png'), fullPage: true });

    // The old folder keeps only the pointer, which names the new one.
    assert.deepEqual(await readdir(dataDir), ['data-location.json']);
    const pointer = JSON.parse(await readFile(path.join(dataDir, 'data-location.json'), 'utf8'));
    assert.equal(pointer.movedTo, target);
    assert.ok((await readdir(target)).includes('boletos.db'));
    assert.deepEqual(problems(), []);
  });
});
