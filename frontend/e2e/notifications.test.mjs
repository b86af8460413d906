// End-to-end: the notifications of the real backend (`boletos serve`), against the Banco Inter
// simulator (`boletos sim`), in Debian's Chromium.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos node --test e2e/notifications.test.mjs
//
// Setup through the backend API: an account connected to the simulator, one boleto issued.
// Then the payer pays it at the simulator by Pix → "Sincronizar agora" → a toast says so, the
// bell counts 1 unread → its list shows "Boleto pago" with the payer and the amount → a click
// opens the boleto and the bell has nothing unread.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, makeTempDir, openApp, openNav, removeDir, requireBackendBin } from './harness.mjs';
import { api, createSimulatorAccount, issueBoleto, saoPauloDate, waitForState } from './steps.mjs';
import { payAtSimulator, startSimulator } from './sim.mjs';

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

const PAYER = {
  document: '52998224725',
  name: 'Maria da Conceição Souza',
  cep: '01310100',
  address: 'Avenida Paulista',
  number: '1000',
  district: 'Bela Vista',
  city: 'São Paulo',
  uf: 'SP',
};

describe('Notifications: a boleto paid at the simulator rings the bell', { timeout: 300_000 }, () => {
  /** @type {import('./sim.mjs').Simulator | undefined} */
  let simulator;
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  let tmp = '';
  /** The issued boleto's detail. */
  let boleto;

  before(async () => {
    requireBackendBin();
    tmp = await makeTempDir('boletos-e2e-notifications-');
    simulator = await startSimulator(tmp);
    app = await openApp({ dataDir: path.join(tmp, 'data'), keyringHome: path.join(tmp, 'keyring'), timeout: 20_000 });
    ({ page, takeProblems } = app);
    await page.goto(app.url);
    await page.getByRole('banner').getByText(/^Versão /).waitFor();

    const account = await createSimulatorAccount(page, simulator, 'Inter Simulado — Notificações');
    const issued = await issueBoleto(page, account.id, { amountCents: 15_000, dueDate: saoPauloDate(10), payer: PAYER });
    boleto = await waitForState(page, issued.row.id, 'issued');
    assert.match(boleto.codigoSolicitacao, /^[0-9a-f-]{36}$/);
  });

  after(async () => {
    await app?.close();
    await simulator?.stop();
    await removeDir(tmp);
  });

  it('rings the bell once the payment is synced, and the list leads to the boleto', async () => {
    const banner = page.getByRole('banner');
    await banner.getByRole('button', { name: 'Notificações', exact: true }).waitFor();

    await payAtSimulator(simulator, boleto.codigoSolicitacao, 'PIX');
    await openNav(page, 'Boletos');
    await page.getByRole('button', { name: 'Sincronizar agora' }).click();

    // One toast, and the count on the bell.
    const bell = banner.getByRole('button', { name: 'Notificações: 1 não lida' });
    await bell.waitFor({ timeout: 60_000 });
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'Boleto pago' });
    await toast.getByText(`${PAYER.name} pagou R$ 150,00 por Pix`, { exact: false }).waitFor();

    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Notificações' });
    const list = panel.getByRole('list', { name: 'Notificações' });
    await list.waitFor();
    const items = list.getByRole('button');
    assert.equal(await items.count(), 1);
    const item = items.first();
    const label = await item.getAttribute('aria-label');
    assert.match(label ?? '', new RegExp(`^Não lida: Boleto pago\\. ${PAYER.name} pagou R\\$ 150,00 por Pix — boleto ${boleto.row.seuNumero},`));
    await item.getByText('nova', { exact: true }).waitFor();
    // The panel slides in from the right: the picture is taken once it is all in view.
    await panel.evaluate(
      (el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)).then(() => undefined),
    );
    await page.waitForFunction(
      (el) => el.getBoundingClientRect().right <= window.innerWidth + 1 && getComputedStyle(el).opacity === '1',
      await panel.elementHandle(),
    );
    await page.screenshot({ path: path.join(OUT_DIR, 'notificacoes.png') });

    await item.click();
    await page.getByRole('heading', { level: 1, name: `Boleto ${boleto.row.seuNumero}` }).waitFor();
    assert.match(page.url(), new RegExp(`#/boletos/${boleto.row.id}$`));
    await panel.waitFor({ state: 'hidden' });
    await banner.getByRole('button', { name: 'Notificações', exact: true }).waitFor();
    assert.equal((await api(page, 'Notifications.UnreadCount', [])), 0);
    assert.deepEqual(takeProblems(), []);
  });
});
