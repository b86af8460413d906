import { describe, expect, it } from 'vitest';
import { fileSizeProblem, formatMegabytes, MAX_FILE_BYTES, readFileBase64, readFileText, readProblem } from './files';

describe('reading chosen files', () => {
  it('reads the raw bytes as base64 without the data: prefix', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]);
    const base64 = await readFileBase64(new File([bytes], 'Inter API_Certificado.zip', { type: 'application/zip' }));
    expect(base64).toBe('UEsDBAD/EA==');
  });

  it('reads an empty file as an empty string', async () => {
    expect(await readFileBase64(new File([], 'vazio.zip'))).toBe('');
  });

  it('reads a PEM file as text', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(await readFileText(new File([pem], 'ca.crt'))).toBe(pem);
  });

  it('refuses files above 5 MB with a pt-BR message naming the file', () => {
    expect(fileSizeProblem(new File([new Uint8Array(MAX_FILE_BYTES)], 'ok.zip'))).toBeNull();
    const problem = fileSizeProblem(new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'grande.zip'));
    expect(problem).toMatch(/^O arquivo “grande\.zip” tem 5,1 MB; o limite é 5 MB\./);
  });

  it('formats sizes in MB with a decimal comma', () => {
    expect(formatMegabytes(6_500_000)).toBe('6,2 MB');
    expect(formatMegabytes(50 * 1024 * 1024)).toBe('50,0 MB');
  });

  it('says why a file could not be read: the reader\'s message, or one naming the file', () => {
    const file = new File(['x'], 'ca.crt');
    expect(readProblem(new Error('Sem permissão.'), file)).toBe('Sem permissão.');
    expect(readProblem('?', file)).toBe('Não foi possível ler o arquivo “ca.crt”.');
  });
});
