import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  copyText,
  decodeBarcode,
  decodePix,
  type BarcodeInfo,
  type PixInfo,
} from '../lib/backend';
import { renderPage } from '../test/render';
import { BarcodeToolPage } from './BarcodeToolPage';

vi.mock('../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/backend')>()),
  getSystemInfo: vi.fn(),
  decodeBarcode: vi.fn(),
  decodePix: vi.fn(),
  copyText: vi.fn(),
  onEvent: vi.fn(() => () => {}),
}));

const LINHA = '07790.00116 12064.449908 08159.365561 7 90020000015130';

const interBoleto: BarcodeInfo = {
  bank: '077',
  bankName: 'Banco Inter S.A.',
  barcode: '07797900200000151300001112064449900815936556',
  digitableLine: '07790001161206444990808159365561790020000015130',
  formatted: LINHA,
  dueDate: '2022-05-31',
  amountCents: 15130,
  amount: 'R$ 151,30',
};

const PIX =
  '00020101021226980014BR.GOV.BCB.PIX2576spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f6852040000530398654049.505802BR5901*6008ROLANDIA61088660152862070503***6304EE2E';

const interPix: PixInfo = {
  crc: 'EE2E',
  url: 'spi-qrcode.bancointer.com.br/spi/pj/v2/cobv/aa99da6d187a4b648943f8e6f2b01f68',
  key: '',
  amount: 'R$ 9,50',
  merchantName: '*',
  merchantCity: 'ROLANDIA',
  postalCode: '86601528',
  txid: '***',
  dynamic: true,
};

function boletoForm() {
  const section = screen.getByRole('region', { name: 'Validar linha digitável ou código de barras' });
  return {
    section,
    input: within(section).getByRole('textbox', { name: 'Linha digitável ou código de barras' }),
    button: within(section).getByRole('button', { name: 'Validar' }),
  };
}

async function pasteAndEnter(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.click(input);
  await user.paste(text);
  await user.keyboard('{Enter}');
}

/** The value shown next to a label in the result list (<dt>label</dt><dd>value</dd>). */
function valueOf(result: HTMLElement, label: string): string {
  const term = within(result).getByText(label, { selector: 'dt' });
  const dd = term.nextElementSibling;
  if (!dd || dd.tagName !== 'DD') throw new Error(`no <dd> after <dt>${label}</dt>`);
  return dd.textContent ?? '';
}

describe('Validar código de barras', () => {
  it('decodes a linha digitável and shows bank, linha, barcode, due date and amount', async () => {
    vi.mocked(decodeBarcode).mockResolvedValue(interBoleto);
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    const { input, button } = boletoForm();
    await user.click(input);
    await user.paste(`  ${LINHA}  `);
    await user.click(button);

    expect(decodeBarcode).toHaveBeenCalledExactlyOnceWith(LINHA);
    const result = await screen.findByRole('region', { name: 'Código válido' });
    expect(valueOf(result, 'Banco')).toBe('077 — Banco Inter S.A.');
    expect(valueOf(result, 'Linha digitável')).toContain(LINHA);
    expect(valueOf(result, 'Código de barras')).toBe('07797900200000151300001112064449900815936556');
    expect(valueOf(result, 'Vencimento')).toBe('31/05/2022');
    expect(valueOf(result, 'Valor')).toBe('R$ 151,30');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says "Sem vencimento" when the code carries no due date', async () => {
    vi.mocked(decodeBarcode).mockResolvedValue({ ...interBoleto, dueDate: '', amountCents: 123456 });
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await pasteAndEnter(user, boletoForm().input, '07797900200000151300001112064449900815936556');

    const result = await screen.findByRole('region', { name: 'Código válido' });
    expect(valueOf(result, 'Vencimento')).toBe('Sem vencimento');
    expect(valueOf(result, 'Valor')).toBe('R$ 1.234,56');
  });

  it('validates on Enter without adding a line break', async () => {
    vi.mocked(decodeBarcode).mockResolvedValue(interBoleto);
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    const { input } = boletoForm();
    await pasteAndEnter(user, input, LINHA);

    expect(decodeBarcode).toHaveBeenCalledExactlyOnceWith(LINHA);
    expect(input).toHaveValue(LINHA);
    expect(await screen.findByRole('region', { name: 'Código válido' })).toBeInTheDocument();
  });

  it("shows the backend's message when the code is invalid", async () => {
    const message = 'Linha digitável inválida: o dígito verificador do campo 2 não confere.';
    vi.mocked(decodeBarcode).mockRejectedValue(new BackendError('invalid_input', message));
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await user.click(boletoForm().input);
    await user.paste('07790.00116 12064.449909 08159.365561 7 90020000015130');
    await user.click(boletoForm().button);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Código inválido');
    expect(alert).toHaveTextContent(message);
    expect(screen.queryByRole('region', { name: 'Código válido' })).not.toBeInTheDocument();
  });

  it('shows what to do when the backend cannot be reached', async () => {
    vi.mocked(decodeBarcode).mockRejectedValue(
      new BackendError('unavailable', 'Não foi possível falar com o Boletos. Verifique se o programa ainda está aberto e tente de novo.'),
    );
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await pasteAndEnter(user, boletoForm().input, LINHA);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Não foi possível validar');
    expect(alert).toHaveTextContent('Verifique se o programa ainda está aberto');
  });

  it('asks for a code instead of calling the backend when the field is empty', async () => {
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    const { input, button } = boletoForm();
    await user.type(input, '   ');
    await user.click(button);

    expect(decodeBarcode).not.toHaveBeenCalled();
    expect(input).toHaveAccessibleDescription(/Cole a linha digitável ou o código de barras antes de validar/);
    expect(input).toBeInvalid();
  });

  it('copies the formatted linha digitável', async () => {
    vi.mocked(decodeBarcode).mockResolvedValue(interBoleto);
    vi.mocked(copyText).mockResolvedValue();
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await pasteAndEnter(user, boletoForm().input, LINHA);
    await user.click(await screen.findByRole('button', { name: 'Copiar linha digitável' }));

    expect(copyText).toHaveBeenCalledExactlyOnceWith(LINHA);
    expect(await screen.findByText('Linha digitável copiada')).toBeInTheDocument();
  });

  it('tells how to copy by hand when the clipboard refuses', async () => {
    vi.mocked(decodeBarcode).mockResolvedValue(interBoleto);
    vi.mocked(copyText).mockRejectedValue(new Error('denied'));
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await pasteAndEnter(user, boletoForm().input, LINHA);
    await user.click(await screen.findByRole('button', { name: 'Copiar linha digitável' }));

    expect(await screen.findByText('Não foi possível copiar')).toBeInTheDocument();
    expect(screen.getByText(/copie com Ctrl\+C/)).toBeInTheDocument();
    expect(screen.queryByText('Linha digitável copiada')).not.toBeInTheDocument();
  });

  it('decodes a Pix copia e cola in its own tab', async () => {
    vi.mocked(decodePix).mockResolvedValue(interPix);
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await user.click(screen.getByRole('tab', { name: 'Pix copia e cola' }));
    const section = screen.getByRole('region', { name: 'Validar Pix copia e cola' });
    await user.click(within(section).getByRole('textbox', { name: 'Pix copia e cola' }));
    await user.paste(PIX);
    await user.click(within(section).getByRole('button', { name: 'Validar' }));

    expect(decodePix).toHaveBeenCalledExactlyOnceWith(PIX);
    expect(decodeBarcode).not.toHaveBeenCalled();
    const result = await within(section).findByRole('region', { name: 'Código válido' });
    expect(valueOf(result, 'Cidade')).toBe('ROLANDIA');
    expect(valueOf(result, 'Valor')).toBe('R$ 9,50');
    expect(valueOf(result, 'CEP')).toBe('86601-528');
    expect(valueOf(result, 'Identificador (txid)')).toBe('***');
    expect(valueOf(result, 'CRC')).toContain('EE2E');
  });

  it("shows the backend's message for an invalid Pix", async () => {
    const message = 'Pix copia e cola inválido: o CRC não confere.';
    vi.mocked(decodePix).mockRejectedValue(new BackendError('invalid_input', message));
    const user = userEvent.setup();
    renderPage(<BarcodeToolPage />);

    await user.click(screen.getByRole('tab', { name: 'Pix copia e cola' }));
    const section = screen.getByRole('region', { name: 'Validar Pix copia e cola' });
    await user.click(within(section).getByRole('textbox', { name: 'Pix copia e cola' }));
    const corrupted = `${PIX.slice(0, -1)}F`;
    await user.paste(corrupted);
    await user.keyboard('{Enter}');

    expect(decodePix).toHaveBeenCalledExactlyOnceWith(corrupted);
    expect(await within(section).findByRole('alert')).toHaveTextContent(message);
    expect(within(section).queryByRole('region', { name: 'Código válido' })).not.toBeInTheDocument();
  });
});
