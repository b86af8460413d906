// render.mjs renders comparable boletos with the npm package gerar-boletos
// (PDFKit), for BenchmarkCompareGerarBoletos in internal/printing. It is run
// by `make bench` only, after `npm ci --prefix internal/printing/compare`.
//
//   node internal/printing/compare/render.mjs [--runs K] [--batch N] [--out FILE]
//
// It renders K single-boleto PDFs (after a few warm-up renders that are not
// timed), each one the whole job a caller of the package does: build the
// boleto model (Boletos + gerarBoleto) and write the PDF to an in-memory
// stream until it finishes. Then, the same way, a few PDFs of N boletos
// each. It writes one single-boleto PDF to FILE and prints one JSON object
// on stdout:
//
//   {"perBoletoMs": median ms per single-boleto PDF, "runs": K, "bytes":
//    size of one single-boleto PDF, "pdf": FILE, "batch": N,
//    "batchPerBoletoMs": median ms per N-boleto PDF divided by N,
//    "batchBytes": size of one N-boleto PDF, "bank": "237", "barcode": the 44 digits
//    the package says it printed, "amountCents", "dueDate" ("YYYY-MM-DD")
//    and "instructions": what the benchmark checks against its own boleto}
//
// The boleto is the one of comparableBoleto in compare_bench_test.go: the
// same beneficiary, payer, amount, due date, document number and
// instructions. Two differences are forced by the package:
//   - The bank. gerar-boletos 1.4.5 has no Banco Inter (077); it supports
//     Bradesco, Caixa, Ailos, Itaú, Sicoob, Sicredi, Santander and Banco do
//     Brasil. Bradesco (237) is the closest: its campo livre is, like
//     Inter's, agency + carteira + nosso número (11 digits) + account, and
//     it is the package's own main example.
//   - The due date. The package rejects any date whose year is not
//     1997..2023 (and any fator above 9999, that is after 2025-02-21), so
//     the boleto is due on 2023-12-15.
// The package prints no Pix QR code.
//
// package.json overrides png-js (a dependency of the pdfkit 0.10.0 that the
// package pins) back to 0.1.1: the png-js 2.0.0 that pdfkit's ">=0.1.0"
// resolves to today breaks the bank logo and the scissors and adds about
// 165 KB to the PDF, which would flatter our figures.

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';

// The package computes the fator de vencimento from local-time Date objects
// (and reads its 1997-10-07 base date when it is loaded): pin the time zone
// before loading it, so that a daylight-saving offset cannot shift a day.
process.env.TZ = 'UTC';
const { default: gerarBoletos } = await import('gerar-boletos');
const { Boletos, Bancos } = gerarBoletos;
// Boletos, the package's public API, writes one boleto per PDF. For a PDF
// of many boletos, the generator that Boletos uses inside takes a list; the
// package does not export it, so it is loaded by its path.
const { Gerador } = createRequire(import.meta.url)('gerar-boletos/lib/utils/functions/boletoUtils.js');

const WARMUP = 5; // untimed renders before the timed ones
const BATCH_RUNS = 5;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    batch: { type: 'string', default: '100' },
    out: { type: 'string', default: join(tmpdir(), 'gerar-boletos-compare.pdf') },
  },
});
const runs = positive('runs');
const batch = positive('batch');

function positive(name) {
  const n = Number.parseInt(values[name], 10);
  if (!(n > 0)) {
    console.error(`render.mjs: --${name} must be a positive integer, got ${values[name]}`);
    process.exit(2);
  }
  return n;
}

// The same data as comparableBoleto in compare_bench_test.go.
const amountCents = 15130;
const due = new Date(2023, 11, 15); // 2023-12-15 (months count from 0)
const issued = new Date(2023, 11, 5);
// The package takes at most five instructions.
const instrucoes = [
  'Após o vencimento, cobrar multa de 2,00%.',
  'Juros de 1,00% ao mês (R$ 0,05 por dia de atraso).',
  'Até 10/12/2023, conceder desconto de R$ 5,00.',
  'Não receber após 14/01/2024.',
  'Referente à NF-e 1234, série 1.',
];

function input() {
  return {
    banco: new Bancos.Bradesco(),
    pagador: {
      nome: 'João da Silva Araújo',
      registroNacional: '52998224725',
      endereco: {
        logradouro: 'Rua das Flores, 123',
        bairro: 'Centro',
        cidade: 'Rolândia',
        estadoUF: 'PR',
        cep: '86600-000',
      },
    },
    instrucoes,
    beneficiario: {
      nome: 'Exemplo Comércio de Peças Ltda',
      cnpj: '11222333000181',
      dadosBancarios: {
        carteira: '09',
        agencia: '0001',
        agenciaDigito: '9',
        conta: '1234567',
        contaDigito: '8',
        nossoNumero: '00081593655',
        nossoNumeroDigito: '6',
      },
      endereco: {
        logradouro: 'Avenida Paulista, 1578, conj. 42',
        bairro: 'Bela Vista',
        cidade: 'São Paulo',
        estadoUF: 'SP',
        cep: '01310-200',
      },
    },
    boleto: {
      numeroDocumento: 'NF1234-1',
      especieDocumento: 'DM',
      valor: amountCents / 100,
      datas: { vencimento: new Date(due), processamento: new Date(issued), documentos: new Date(issued) },
    },
  };
}

// memorySink is a writable stream that keeps what is written to it.
function memorySink() {
  const chunks = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise((resolve, reject) => {
    sink.on('finish', () => resolve(Buffer.concat(chunks)));
    sink.on('error', reject);
  });
  return { sink, finished };
}

// renderOne builds one boleto and writes its PDF into memory, as a caller
// of the public API does.
async function renderOne() {
  const boletos = new Boletos(input());
  boletos.gerarBoleto();
  const { sink, finished } = memorySink();
  await boletos.pdfStream(sink);
  return { pdf: await finished, boletos };
}

// renderBatch builds batch boletos and writes them into one PDF.
async function renderBatch() {
  const infos = [];
  for (let i = 0; i < batch; i++) {
    const boletos = new Boletos(input());
    boletos.gerarBoleto();
    infos.push(boletos.boletoInfo);
  }
  const { sink, finished } = memorySink();
  await new Gerador(infos).gerarPDF({ creditos: '', stream: sink });
  return { pdf: await finished };
}

// timed renders n times after the warm-up and returns the median time in
// milliseconds and the last result.
async function timed(render, n) {
  for (let i = 0; i < WARMUP; i++) {
    await render();
  }
  const times = [];
  let last;
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    last = await render();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return { ms: times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2, last };
}

const one = await timed(renderOne, runs);
const many = await timed(renderBatch, BATCH_RUNS);

writeFileSync(values.out, one.last.pdf);
const { boletoInfo, banco } = one.last.boletos;
console.log(JSON.stringify({
  perBoletoMs: one.ms,
  runs,
  bytes: one.last.pdf.length,
  pdf: values.out,
  batch,
  batchPerBoletoMs: many.ms / batch,
  batchBytes: many.last.pdf.length,
  bank: banco.getNumeroFormatado(),
  barcode: banco.geraCodigoDeBarrasPara(boletoInfo),
  amountCents,
  dueDate: '2023-12-15',
  instructions: instrucoes,
}));
