import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  createAccount,
  inspectCredentials,
  updateAccount,
  type AccountInput,
} from '../../lib/backend';
import { renderPage } from '../../test/render';
import { AccountForm } from './AccountForm';
import { MAX_FILE_BYTES } from './files';
import { expiredCertificate, okCertificate, productionAccount, textFile } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  createAccount: vi.fn(),
  updateAccount: vi.fn(),
  inspectCredentials: vi.fn(),
}));

type User = ReturnType<typeof userEvent.setup>;

const ZIP_CONTENT = 'PK\u0003\u0004 zip do Inter';
const ZIP_BASE64 = btoa(ZIP_CONTENT);

const textbox = (name: string) => screen.getByRole('textbox', { name });

async function fillAccount(user: User) {
  await user.type(textbox('Nome da conta'), 'Inter — Loja Centro');
  await user.type(textbox('Conta'), '12345678-9');
  await user.type(textbox('Client ID'), 'client-123');
  await user.type(screen.getByLabelText(/^Client secret/), 'segredo-456');
}

async function fillBeneficiary(user: User) {
  await user.type(textbox('Razão social ou nome'), 'Padaria Pão Quente Ltda');
  await user.type(textbox('CPF ou CNPJ'), '12abc34501de35');
  await user.type(textbox('CEP'), '86601528');
  await user.type(textbox('Logradouro'), 'Rua das Flores');
  await user.type(textbox('Número'), '100');
  await user.type(textbox('Bairro'), 'Centro');
  await user.type(textbox('Cidade'), 'Rolândia');
  await user.selectOptions(screen.getByRole('combobox', { name: 'UF' }), 'PR');
}

function renderNew() {
  const onSaved = vi.fn();
  renderPage(<AccountForm onSaved={onSaved} />);
  return { onSaved };
}

describe('Nova conta', () => {
  it('offers only Banco Inter, starts at agência 0001 with the integration on and the ZIP option', () => {
    renderNew();
    const bank = screen.getByRole('combobox', { name: 'Banco' });
    expect(within(bank).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Banco Inter (077) — homologado para integração direta',
    ]);
    expect(textbox('Agência')).toHaveValue('0001');
    expect(screen.getByRole('switch', { name: 'Integração direta de boletos' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Arquivo ZIP do Inter' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Produção' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'UF' }).querySelectorAll('option')).toHaveLength(28);
    expect(textbox('Conta corrente da integração (opcional)')).toHaveAccessibleDescription(
      /quando a integração criada no Inter abrange mais de uma conta corrente/,
    );
  });

  it('masks CPF/CNPJ and CEP as they are typed', async () => {
    const user = userEvent.setup();
    renderNew();
    await user.type(textbox('CPF ou CNPJ'), '12345678909');
    expect(textbox('CPF ou CNPJ')).toHaveValue('123.456.789-09');
    await user.clear(textbox('CPF ou CNPJ'));
    await user.type(textbox('CPF ou CNPJ'), '12abc34501de35');
    expect(textbox('CPF ou CNPJ')).toHaveValue('12.ABC.345/01DE-35');
    await user.type(textbox('CEP'), '86601528');
    expect(textbox('CEP')).toHaveValue('86601-528');
  });

  it('sends the chosen ZIP as base64, shows its certificate and saves the whole account', async () => {
    vi.mocked(inspectCredentials).mockResolvedValue(okCertificate);
    vi.mocked(createAccount).mockImplementation(async (input) => ({ ...productionAccount, id: 9, name: input.name }));
    const user = userEvent.setup();
    const { onSaved } = renderNew();

    await fillAccount(user);
    await user.upload(
      screen.getByLabelText(/^Arquivo ZIP com o certificado e a chave/),
      textFile(ZIP_CONTENT, 'Inter API_Certificado e Chave.zip', 'application/zip'),
    );

    await waitFor(() => expect(inspectCredentials).toHaveBeenCalledTimes(1));
    expect(inspectCredentials).toHaveBeenCalledWith({
      kind: 'zip',
      zipBase64: ZIP_BASE64,
      zipName: 'Inter API_Certificado e Chave.zip',
      certBase64: '',
      keyBase64: '',
      pfxBase64: '',
      pfxPassword: '',
    });
    const card = await screen.findByRole('region', { name: 'Certificado escolhido' });
    expect(card).toHaveTextContent('01/08/2026');
    expect(card).toHaveTextContent('Faltam 245 dias');

    await fillBeneficiary(user);
    await user.click(screen.getByRole('button', { name: 'Salvar conta' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const expected: AccountInput = {
      name: 'Inter — Loja Centro',
      agency: '0001',
      accountNumber: '12345678-9',
      contaCorrente: '',
      environment: 'production',
      simulatorUrl: '',
      simulatorCaPem: '',
      directIntegration: true,
      clientId: 'client-123',
      clientSecret: 'segredo-456',
      credentials: {
        kind: 'zip',
        zipBase64: ZIP_BASE64,
        zipName: 'Inter API_Certificado e Chave.zip',
        certBase64: '',
        keyBase64: '',
        pfxBase64: '',
        pfxPassword: '',
      },
      beneficiary: {
        document: '12ABC34501DE35',
        name: 'Padaria Pão Quente Ltda',
        address: 'Rua das Flores',
        number: '100',
        complement: '',
        district: 'Centro',
        city: 'Rolândia',
        uf: 'PR',
        cep: '86601528',
        email: '',
        ddd: '',
        phone: '',
      },
      operationNumber: '',
      logoBase64: '',
      removeLogo: false,
    };
    expect(createAccount).toHaveBeenCalledExactlyOnceWith(expected);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 9, name: 'Inter — Loja Centro' }));
  });

  it('refuses a file over 5 MB in the browser, before sending anything', async () => {
    const user = userEvent.setup();
    renderNew();

    const input = screen.getByLabelText(/^Arquivo ZIP com o certificado e a chave/);
    await user.upload(input, new File([new Uint8Array(MAX_FILE_BYTES + 512 * 1024)], 'backup.zip'));

    expect(input).toHaveAccessibleDescription(/O arquivo “backup\.zip” tem 5,5 MB; o limite é 5 MB\./);
    expect(input).toBeInvalid();
    expect(inspectCredentials).not.toHaveBeenCalled();
    expect(screen.queryByText(/^Escolhido:/)).not.toBeInTheDocument();
  });

  it('shows the backend field errors beside their fields, the general message in an alert, and keeps what was typed', async () => {
    vi.mocked(inspectCredentials).mockResolvedValue(okCertificate);
    vi.mocked(createAccount).mockRejectedValue(
      new BackendError('invalid_input', 'A conta não foi salva: corrija os campos indicados.', {
        fields: [
          { field: 'beneficiary.cep', message: 'O CEP 86601-528 não pertence ao estado SP.' },
          { field: 'beneficiary.document', message: 'O CNPJ tem dígitos verificadores errados.' },
          { field: 'credentials.zip', message: 'O ZIP não tem a chave privada (.key).' },
          { field: 'beneficiary.email', message: 'O e-mail do beneficiário é inválido.' },
        ],
      }),
    );
    const user = userEvent.setup();
    const { onSaved } = renderNew();

    await fillAccount(user);
    const zipInput = screen.getByLabelText(/^Arquivo ZIP com o certificado e a chave/);
    await user.upload(zipInput, textFile(ZIP_CONTENT, 'inter.zip'));
    await screen.findByRole('region', { name: 'Certificado escolhido' });
    await fillBeneficiary(user);
    await user.click(screen.getByRole('button', { name: 'Salvar conta' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('A conta não foi salva: corrija os campos indicados.');
    expect(alert).toHaveTextContent('O e-mail do beneficiário é inválido.');
    expect(alert).not.toHaveTextContent('O CEP 86601-528');

    expect(textbox('CEP')).toHaveAccessibleDescription('O CEP 86601-528 não pertence ao estado SP.');
    expect(textbox('CEP')).toBeInvalid();
    expect(textbox('CPF ou CNPJ')).toHaveAccessibleDescription(
      expect.stringContaining('O CNPJ tem dígitos verificadores errados.'),
    );
    expect(zipInput).toHaveAccessibleDescription(expect.stringContaining('O ZIP não tem a chave privada (.key).'));
    expect(textbox('Cidade')).not.toBeInvalid();
    expect(textbox('Nome da conta')).not.toBeInvalid();

    // Nothing typed was lost, and the chosen file is still there.
    expect(textbox('Nome da conta')).toHaveValue('Inter — Loja Centro');
    expect(textbox('CPF ou CNPJ')).toHaveValue('12.ABC.345/01DE-35');
    expect(textbox('CEP')).toHaveValue('86601-528');
    expect(screen.getByLabelText(/^Client secret/)).toHaveValue('segredo-456');
    expect(screen.getByRole('combobox', { name: 'UF' })).toHaveValue('PR');
    expect(screen.getByText('Escolhido: inter.zip (17 bytes)')).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();

    // Fixing a field clears its message only.
    await user.clear(textbox('CEP'));
    await user.type(textbox('CEP'), '01001000');
    expect(textbox('CEP')).not.toBeInvalid();
    expect(textbox('CPF ou CNPJ')).toBeInvalid();
  });

  it('shows why the chosen files cannot be used, beside the file input', async () => {
    vi.mocked(inspectCredentials).mockRejectedValue(
      new BackendError('invalid_input', 'Arquivos inválidos.', {
        fields: [{ field: 'credentials.zip', message: 'O ZIP tem dois certificados; o Inter entrega um só.' }],
      }),
    );
    const user = userEvent.setup();
    renderNew();

    const input = screen.getByLabelText(/^Arquivo ZIP com o certificado e a chave/);
    await user.upload(input, textFile(ZIP_CONTENT, 'dois.zip'));

    await waitFor(() =>
      expect(input).toHaveAccessibleDescription(expect.stringContaining('O ZIP tem dois certificados')),
    );
    expect(screen.queryByRole('region', { name: 'Certificado escolhido' })).not.toBeInTheDocument();
  });

  it('refuses an expired certificate on the card, with the renewal path', async () => {
    vi.mocked(inspectCredentials).mockResolvedValue(expiredCertificate);
    const user = userEvent.setup();
    renderNew();

    await user.upload(screen.getByLabelText(/^Arquivo ZIP com o certificado e a chave/), textFile(ZIP_CONTENT, 'velho.zip'));

    const card = await screen.findByRole('region', { name: 'Certificado escolhido' });
    expect(within(card).getByRole('alert')).toHaveTextContent('Certificado vencido: não pode ser usado');
    expect(within(card).getByRole('alert')).toHaveTextContent('crie uma nova integração');
  });

  it('inspects .crt + .key only once both are chosen, and sends both as base64', async () => {
    vi.mocked(inspectCredentials).mockResolvedValue(okCertificate);
    const user = userEvent.setup();
    renderNew();

    await user.click(screen.getByRole('radio', { name: 'Certificado .crt e chave .key' }));
    await user.upload(screen.getByLabelText(/^Certificado \(\.crt\)/), textFile('CERT-PEM', 'Inter API_Certificado.crt'));
    expect(inspectCredentials).not.toHaveBeenCalled();
    await user.upload(screen.getByLabelText(/^Chave privada \(\.key\)/), textFile('KEY-PEM', 'Inter API_Chave.key'));

    await waitFor(() =>
      expect(inspectCredentials).toHaveBeenCalledExactlyOnceWith(
        expect.objectContaining({ kind: 'pem', certBase64: btoa('CERT-PEM'), keyBase64: btoa('KEY-PEM') }),
      ),
    );
  });

  it('sends the .pfx password typed for it', async () => {
    vi.mocked(inspectCredentials).mockResolvedValue(okCertificate);
    const user = userEvent.setup();
    renderNew();

    await user.click(screen.getByRole('radio', { name: 'Arquivo .pfx com senha' }));
    await user.type(screen.getByLabelText('Senha do arquivo .pfx'), 'senha-pfx');
    await user.upload(screen.getByLabelText(/^Arquivo \.pfx \(ou \.p12\)/), textFile('PFX', 'inter.pfx'));

    await waitFor(() =>
      expect(inspectCredentials).toHaveBeenLastCalledWith(
        expect.objectContaining({ kind: 'pfx', pfxBase64: btoa('PFX'), pfxPassword: 'senha-pfx' }),
      ),
    );
  });

  it('explains that nothing is sent when the integration is off, and hides the credentials', async () => {
    vi.mocked(createAccount).mockResolvedValue({ ...productionAccount, directIntegration: false });
    const user = userEvent.setup();
    renderNew();

    await user.type(textbox('Client ID'), 'digitado-antes');
    await user.click(screen.getByRole('switch', { name: 'Integração direta de boletos' }));

    expect(screen.getByText(/nada é enviado ao banco/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Arquivo ZIP/)).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Client ID' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Client secret/)).not.toBeInTheDocument();

    await user.type(textbox('Nome da conta'), 'Só impressão');
    await user.click(screen.getByRole('button', { name: 'Salvar conta' }));

    await waitFor(() => expect(createAccount).toHaveBeenCalledTimes(1));
    const input = vi.mocked(createAccount).mock.calls[0][0];
    expect(input.directIntegration).toBe(false);
    expect(input.credentials.kind).toBe('');
    expect(input.clientId).toBe('');
    expect(input.clientSecret).toBe('');
  });

  it('asks for the simulator address and CA file, and sends the CA as PEM text', async () => {
    vi.mocked(createAccount).mockResolvedValue({ ...productionAccount, environment: 'simulator' });
    const user = userEvent.setup();
    renderNew();

    expect(screen.queryByRole('textbox', { name: 'Endereço do simulador' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Simulador' }));
    await user.type(textbox('Endereço do simulador'), 'https://127.0.0.1:8443');
    const pem = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n';
    await user.upload(screen.getByLabelText(/^Certificado da autoridade do simulador/), textFile(pem, 'ca.crt'));
    await screen.findByText('Escolhido: ca.crt (57 bytes)');
    await user.click(screen.getByRole('button', { name: 'Salvar conta' }));

    await waitFor(() => expect(createAccount).toHaveBeenCalledTimes(1));
    const input = vi.mocked(createAccount).mock.calls[0][0];
    expect(input.environment).toBe('simulator');
    expect(input.simulatorUrl).toBe('https://127.0.0.1:8443');
    expect(input.simulatorCaPem).toBe(pem);
  });
});

describe('Editar conta', () => {
  it('shows the stored values masked and keeps secret and certificate when left alone', async () => {
    vi.mocked(updateAccount).mockResolvedValue(productionAccount);
    const user = userEvent.setup();
    const onSaved = vi.fn();
    renderPage(<AccountForm account={productionAccount} onSaved={onSaved} />);

    expect(textbox('Nome da conta')).toHaveValue('Inter — Loja Centro');
    expect(textbox('CPF ou CNPJ')).toHaveValue('12.345.678/0001-95');
    expect(textbox('CEP')).toHaveValue('86601-528');
    expect(screen.getByRole('region', { name: 'Certificado atual' })).toHaveTextContent('01/08/2026');
    expect(screen.queryByLabelText(/^Arquivo ZIP/)).not.toBeInTheDocument();
    const secret = screen.getByLabelText(/^Client secret/);
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription(/Deixe em branco para manter/);

    await user.click(screen.getByRole('button', { name: 'Salvar alterações' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [id, input] = vi.mocked(updateAccount).mock.calls[0];
    expect(id).toBe(7);
    expect(input.clientSecret).toBe('');
    expect(input.credentials.kind).toBe('');
    expect(input.beneficiary).toEqual(productionAccount.beneficiary);
    expect(inspectCredentials).not.toHaveBeenCalled();
  });

  it('replaces the certificate only after "Trocar certificado e chave"', async () => {
    vi.mocked(inspectCredentials).mockResolvedValue(okCertificate);
    vi.mocked(updateAccount).mockResolvedValue(productionAccount);
    const user = userEvent.setup();
    renderPage(<AccountForm account={productionAccount} onSaved={vi.fn()} />);

    await user.click(screen.getByRole('button', { name: 'Trocar certificado e chave' }));
    await user.upload(screen.getByLabelText(/^Arquivo ZIP com o certificado e a chave/), textFile(ZIP_CONTENT, 'novo.zip'));
    await screen.findByRole('region', { name: 'Certificado escolhido' });
    await user.click(screen.getByRole('button', { name: 'Salvar alterações' }));

    await waitFor(() => expect(updateAccount).toHaveBeenCalledTimes(1));
    expect(vi.mocked(updateAccount).mock.calls[0][1].credentials).toEqual(
      expect.objectContaining({ kind: 'zip', zipBase64: ZIP_BASE64, zipName: 'novo.zip' }),
    );
  });

  it('sends a chosen logo as base64, keeps the current one when left alone and removes it on request', async () => {
    vi.mocked(updateAccount).mockResolvedValue(productionAccount);
    const user = userEvent.setup();
    const withLogo = { ...productionAccount, logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=' };
    renderPage(<AccountForm account={withLogo} onSaved={vi.fn()} />);

    expect(screen.getByRole('img', { name: 'Logotipo atual' })).toHaveAttribute('src', withLogo.logoDataUrl);
    await user.click(screen.getByRole('button', { name: 'Salvar alterações' }));
    await waitFor(() => expect(updateAccount).toHaveBeenCalledTimes(1));
    expect(vi.mocked(updateAccount).mock.calls[0][1]).toMatchObject({ logoBase64: '', removeLogo: false });

    await user.click(screen.getByRole('button', { name: 'Remover logotipo' }));
    expect(screen.getByText('O logotipo atual será removido ao salvar.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar alterações' }));
    await waitFor(() => expect(updateAccount).toHaveBeenCalledTimes(2));
    expect(vi.mocked(updateAccount).mock.calls[1][1]).toMatchObject({ logoBase64: '', removeLogo: true });

    await user.upload(screen.getByLabelText(/^Logotipo/), textFile('PNGDATA', 'logo.png'));
    await screen.findByText(/Escolhido: logo.png/);
    await user.click(screen.getByRole('button', { name: 'Salvar alterações' }));
    await waitFor(() => expect(updateAccount).toHaveBeenCalledTimes(3));
    expect(vi.mocked(updateAccount).mock.calls[2][1]).toMatchObject({ logoBase64: btoa('PNGDATA'), removeLogo: false });
  });
});
