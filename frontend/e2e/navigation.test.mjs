// End-to-end: the real backend (`boletos serve`) and the built frontend in Debian's Chromium.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos npm run e2e
//
// BOLETOS_BIN is required (the test fails without it). CHROMIUM_PATH overrides
// /usr/bin/chromium. A screenshot of the barcode page goes to build/out/e2e/.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT_DIR, openApp, openNav, requireBackendBin } from './harness.mjs';

const VALID_LINHA = '07790.00116 12064.449908 08159.365561 7 90020000015130';
// One digit of field 2 changed (12064 → 12065): its check digit no longer matches.
const BROKEN_LINHA = '07790.00116 12065.449908 08159.365561 7 90020000015130';
const PIX =
  '00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E';

// Navbar entries in order, with a phrase of the notice each page shows until its feature lands.
const PAGES = [
  { label: 'Painel', hash: '#/', notice: null },
  { label: 'Boletos', hash: '#/boletos', notice: null },
  { label: 'Novo boleto', hash: '#/boletos/novo', notice: null },
  { label: 'Importar documentos', hash: '#/importar', notice: null },
  { label: 'Contratos', hash: '#/contratos', notice: null },
  { label: 'Relatórios', hash: '#/relatorios', notice: null },
  { label: 'Pagadores', hash: '#/pagadores', notice: null },
  { label: 'Contas bancárias', hash: '#/contas', notice: null },
  { label: 'Configurações', hash: '#/configuracoes', notice: null },
  { label: 'Validar código de barras', hash: '#/ferramentas/codigo-de-barras', notice: null },
];

it('has BOLETOS_BIN, the backend to test against', requireBackendBin);

describe('Boletos in the browser', { timeout: 180_000 }, () => {
  /** @type {import('./harness.mjs').App | undefined} */
  let app;
  /** @type {import('playwright-core').Page} */
  let page;
  /** @type {import('./harness.mjs').App['takeProblems']} */
  let takeProblems;
  /** @type {import('./harness.mjs').App['expectRejectedCall']} */
  let expectRejectedCall;
  let appUrl = '';
  let origin = '';

  before(async () => {
    // A rejected backend call is expected only inside expectRejectedCall().
    app = await openApp({ tempPrefix: 'boletos-e2e-', rejectedCalls: /\/api\/call\/Tools\./ });
    ({ page, takeProblems, expectRejectedCall, url: appUrl, origin } = app);
  });

  after(async () => {
    await app?.close();
  });

  it('opens the shell with the app name and the backend version', async () => {
    await page.goto(appUrl);
    const banner = page.getByRole('banner');
    await banner.getByText('Boletos — Banco Inter').waitFor();
    const version = banner.getByText(/^Versão /);
    await version.waitFor();
    const text = (await version.innerText()).trim();
    const number = text.replace(/^Versão\s+/, '');
    assert.notEqual(number, '', `empty version in the header: ${JSON.stringify(text)}`);
    assert.notEqual(number, 'indisponível', 'the header could not read System.Info from the backend');
    assert.deepEqual(takeProblems(), []);
  });

  it('lists every navigation entry in order and opens each page', async () => {
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    const labels = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(labels, PAGES.map((p) => p.label));

    for (const { label, hash, notice } of PAGES) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      const h1 = page.getByRole('heading', { level: 1 });
      await h1.filter({ hasText: label }).waitFor();
      assert.equal((await h1.innerText()).trim(), label);
      assert.equal(new URL(page.url()).hash, hash);
      if (notice) {
        const note = page.getByRole('note');
        await note.filter({ hasText: 'Em construção' }).filter({ hasText: notice }).waitFor();
      } else {
        assert.equal(await page.getByRole('note').count(), 0, `${label} still shows a notice`);
      }
    }
    assert.deepEqual(takeProblems(), []);
  });

  it('shows "Página não encontrada" for an unknown route, with a link home', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/nao-existe';
    });
    await page.getByRole('heading', { level: 1, name: 'Página não encontrada' }).waitFor();
    await page.getByRole('link', { name: 'Voltar ao Painel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
    assert.deepEqual(takeProblems(), []);
  });

  it('decodes a valid Inter linha digitável with the real backend', async () => {
    await openBarcodePage(page);
    const panel = page.getByRole('region', { name: 'Validar linha digitável ou código de barras' });
    await panel.getByRole('textbox', { name: 'Linha digitável ou código de barras' }).fill(VALID_LINHA);
    await panel.getByRole('button', { name: 'Validar' }).click();

    const result = panel.getByRole('region', { name: 'Código válido' });
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, /Banco Inter/);
    assert.match(text, /31\/05\/2022/);
    assert.match(text, /R\$\s151,30/);
    assert.match(text, /07790\.00116 12064\.449908 08159\.365561 7 90020000015130/);

    await page.screenshot({ path: path.join(OUT_DIR, 'codigo-de-barras.png'), fullPage: true });
    assert.deepEqual(takeProblems(), []);
  });

  it('shows the error for a linha with a wrong digit in field 2', async () => {
    await openBarcodePage(page);
    const panel = page.getByRole('region', { name: 'Validar linha digitável ou código de barras' });
    await expectRejectedCall(async () => {
      await panel.getByRole('textbox', { name: 'Linha digitável ou código de barras' }).fill(BROKEN_LINHA);
      await panel.getByRole('textbox', { name: 'Linha digitável ou código de barras' }).press('Enter');
      await panel.getByRole('alert').waitFor();
    });
    const alert = await panel.getByRole('alert').innerText();
    assert.match(alert, /campo 2/i, `the error does not name field 2: ${JSON.stringify(alert)}`);
    assert.equal(await panel.getByRole('region', { name: 'Código válido' }).count(), 0);
    assert.deepEqual(takeProblems(), []);
  });

  it('decodes a Pix copia e cola with the real backend', async () => {
    await openBarcodePage(page);
    await page.getByRole('tab', { name: 'Pix copia e cola' }).click();
    const panel = page.getByRole('region', { name: 'Validar Pix copia e cola' });
    await panel.getByRole('textbox', { name: 'Pix copia e cola' }).fill(PIX);
    await panel.getByRole('button', { name: 'Validar' }).click();

    const result = panel.getByRole('region', { name: 'Código válido' });
    await result.waitFor();
    const text = await result.innerText();
    assert.match(text, /ROLANDIA/);
    assert.match(text, /R\$\s9,50/);
    assert.deepEqual(takeProblems(), []);
  });

  it('refuses API calls without the session cookie or from a foreign origin', async () => {
    const cookies = await page.context().cookies(origin);
    assert.ok(cookies.length > 0, 'the backend set no cookie when the page was opened');
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const callUrl = `${origin}/api/call/System.Info`;

    const anonymous = await post(callUrl, {});
    assert.equal(anonymous.status, 401, `without cookie: ${anonymous.status} ${anonymous.body}`);

    // Control: the same cookie from our own origin works, so the 403 below is about Origin.
    const own = await post(callUrl, { Cookie: cookie, Origin: origin });
    assert.equal(own.status, 200, `own origin: ${own.status} ${own.body}`);

    const foreign = await post(callUrl, { Cookie: cookie, Origin: 'http://evil.example' });
    assert.equal(foreign.status, 403, `foreign origin: ${foreign.status} ${foreign.body}`);
  });
});

// ---------------------------------------------------------------------------------------------

async function openBarcodePage(page) {
  // Go elsewhere first so each test starts from a fresh, empty validator.
  await openNav(page, 'Painel');
  await openNav(page, 'Validar código de barras');
}

/** POST [] with exactly the given extra headers (node:http lets us set Origin and Cookie). */
function post(url, headers) {
  return new Promise((resolve, reject) => {
    const body = '[]';
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: data }));
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: POST ${url}`)));
    req.end(body);
  });
}
