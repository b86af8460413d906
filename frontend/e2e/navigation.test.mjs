// End-to-end: the real backend (`boletos serve`) and the built frontend in Debian's Chromium.
//
//   BOLETOS_BIN=/work/main/build/bin/boletos npm run e2e
//
// BOLETOS_BIN is required (the test fails without it). CHROMIUM_PATH overrides
// /usr/bin/chromium. A screenshot of the barcode page goes to build/out/e2e/.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';

const BOLETOS_BIN = process.env.BOLETOS_BIN;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build/out/e2e');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/;
const STARTUP_TIMEOUT_MS = 30_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const VALID_LINHA = '07790.00116 12064.449908 08159.365561 7 90020000015130';
// One digit of field 2 changed (12064 → 12065): its check digit no longer matches.
const BROKEN_LINHA = '07790.00116 12065.449908 08159.365561 7 90020000015130';
const PIX =
  '00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E';

// Navbar entries in order, with a phrase of the notice each page shows until its feature lands.
const PAGES = [
  { label: 'Painel', hash: '#/', notice: 'totais a receber' },
  { label: 'Boletos', hash: '#/boletos', notice: 'dos rascunhos aos liquidados' },
  { label: 'Novo boleto', hash: '#/boletos/novo', notice: 'boleto avulso' },
  { label: 'Importar documentos', hash: '#/importar', notice: 'NF-e, NFS-e e CT-e' },
  { label: 'Pagadores', hash: '#/pagadores', notice: 'CPF ou CNPJ' },
  { label: 'Contas bancárias', hash: '#/contas', notice: 'testar a conexão' },
  { label: 'Configurações', hash: '#/configuracoes', notice: 'juros, multa e desconto' },
  { label: 'Validar código de barras', hash: '#/ferramentas/codigo-de-barras', notice: null },
];

const MISSING_BIN =
  'BOLETOS_BIN is not set: point it at the built backend, e.g. ' +
  'BOLETOS_BIN=/work/main/build/bin/boletos npm run e2e (build it with `make build`).';

it('has BOLETOS_BIN, the backend to test against', () => {
  assert.ok(BOLETOS_BIN, MISSING_BIN);
});

describe('Boletos in the browser', { timeout: 180_000 }, () => {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let backend;
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  /** @type {import('playwright-core').Page} */
  let page;
  let dataDir = '';
  let appUrl = '';
  let origin = '';
  const backendStderr = [];

  // Page problems: JS errors and console errors. A rejected backend call makes Chromium log
  // "Failed to load resource … 4xx"; that is expected only inside expectRejectedCall().
  const problems = [];
  let rejectedCallsAllowed = false;

  function takeProblems() {
    return problems.splice(0, problems.length);
  }

  async function expectRejectedCall(action) {
    rejectedCallsAllowed = true;
    try {
      await action();
    } finally {
      rejectedCallsAllowed = false;
    }
  }

  before(async () => {
    assert.ok(BOLETOS_BIN, MISSING_BIN);
    dataDir = await mkdtemp(path.join(tmpdir(), 'boletos-e2e-'));
    await mkdir(OUT_DIR, { recursive: true });

    backend = spawn(BOLETOS_BIN, ['serve', '--addr', '127.0.0.1:0', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    backend.stderr.setEncoding('utf8');
    backend.stderr.on('data', (chunk) => backendStderr.push(chunk));
    appUrl = await waitForUrl(backend, backendStderr);
    origin = new URL(appUrl).origin;

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url;
      const rejected =
        /^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) &&
        /\/api\/call\/Tools\./.test(where);
      if (rejected && rejectedCallsAllowed) return;
      problems.push(`console error: ${msg.text()} (${where})`);
    });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stopProcess(backend);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
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
  const nav = page.getByRole('navigation', { name: 'Navegação principal' });
  // Go elsewhere first so each test starts from a fresh, empty validator.
  await nav.getByRole('link', { name: 'Painel', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  await nav.getByRole('link', { name: 'Validar código de barras' }).click();
  await page.getByRole('heading', { level: 1, name: 'Validar código de barras' }).waitFor();
}

/** Reads the backend's stdout until it prints the app URL; fails with its stderr otherwise. */
function waitForUrl(child, stderr) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const fail = (why) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${why}\n--- backend stdout ---\n${stdout}\n--- backend stderr ---\n${stderr.join('')}`,
        ),
      );
    };
    const timer = setTimeout(
      () => fail(`no URL matching ${URL_PATTERN} on stdout within ${STARTUP_TIMEOUT_MS / 1000} s`),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = URL_PATTERN.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.on('error', (err) => fail(`could not start ${BOLETOS_BIN}: ${err.message}`));
    child.on('exit', (code, signal) => fail(`backend exited early (code ${code}, signal ${signal})`));
  });
}

/** SIGTERM, then SIGKILL if it has not exited after 5 s. */
async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
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
