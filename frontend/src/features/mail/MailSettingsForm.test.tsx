import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackendError, getMailSettings, saveMailSettings, testMailSettings } from '../../lib/backend';
import { renderPage } from '../../test/render';
import { MailSettingsForm } from './MailSettingsForm';
import { DEFAULT_BODY, DEFAULT_SUBJECT, saved, suggested } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  getMailSettings: vi.fn(),
  saveMailSettings: vi.fn(),
  testMailSettings: vi.fn(),
}));

async function renderForm() {
  renderPage(<MailSettingsForm accountId={7} accountName="Loja Centro" />);
  const form = await screen.findByRole('form', { name: 'E-mail da conta Loja Centro' });
  expect(getMailSettings).toHaveBeenCalledWith(7);
  return form;
}

function box(form: HTMLElement, name: string | RegExp) {
  return within(form).getByRole('textbox', { name });
}

describe('MailSettingsForm', () => {
  it('starts from the suggestions, with the default templates as placeholders and the list of fields', async () => {
    vi.mocked(getMailSettings).mockResolvedValue(suggested);
    const form = await renderForm();

    expect(screen.getByText(/ainda não foi configurado/)).toBeInTheDocument();
    expect(within(form).getByRole('combobox', { name: 'Segurança da conexão' })).toHaveValue('starttls');
    expect(within(form).getByRole('textbox', { name: /Porta/ })).toHaveValue('587');
    expect(within(form).getByText(/porta costuma ser 587/)).toBeInTheDocument();
    expect(box(form, 'E-mail do remetente')).toHaveValue('financeiro@paoquente.com.br');
    expect(box(form, 'Assunto')).toHaveAttribute('placeholder', DEFAULT_SUBJECT);
    expect(box(form, 'Texto do e-mail')).toHaveAttribute('placeholder', DEFAULT_BODY);

    const fields = within(form).getByRole('table', { name: 'Campos que você pode usar no assunto e no texto' });
    const names = within(fields).getAllByRole('row').map((r) => r.querySelector('code')?.textContent);
    expect(names).toEqual([
      '{{pagador}}',
      '{{valor}}',
      '{{vencimento}}',
      '{{linha_digitavel}}',
      '{{pix}}',
      '{{seu_numero}}',
      '{{empresa}}',
    ]);
    // Without a user there is no password to give.
    expect(within(form).getByLabelText('Senha')).toBeDisabled();
  });

  it('moves the port hint and the usual port with the security chosen', async () => {
    vi.mocked(getMailSettings).mockResolvedValue(suggested);
    const user = userEvent.setup();
    const form = await renderForm();
    const security = within(form).getByRole('combobox', { name: 'Segurança da conexão' });

    await user.selectOptions(security, 'tls');
    expect(within(form).getByRole('textbox', { name: /Porta/ })).toHaveValue('465');
    expect(within(form).getByText(/TLS direto \(SSL\) a porta costuma ser 465/)).toBeInTheDocument();

    await user.selectOptions(security, 'none');
    expect(within(form).getByText(/só para um servidor de e-mail neste computador/)).toBeInTheDocument();

    // A port the user typed stays.
    const port = within(form).getByRole('textbox', { name: /Porta/ });
    await user.clear(port);
    await user.type(port, '2525');
    await user.selectOptions(security, 'starttls');
    expect(port).toHaveValue('2525');
  });

  it('keeps the stored password when the field is left blank, and says it is in the keychain', async () => {
    vi.mocked(getMailSettings).mockResolvedValue({
      ...saved,
      warnings: [{ field: 'port', message: 'A porta 465 normalmente usa TLS direto, não STARTTLS.', warning: true }],
      port: 465,
    });
    vi.mocked(saveMailSettings).mockImplementation(async (_id, dto) => ({ ...saved, ...dto, password: '', configured: true, hasPassword: true, warnings: [] }));
    const user = userEvent.setup();
    const form = await renderForm();

    expect(within(form).getByText(/Senha guardada no cofre do sistema/)).toBeInTheDocument();
    expect(within(form).getByLabelText('Senha')).toHaveValue('');
    const warning = form.querySelector('[data-warning="port"]');
    expect(warning).toHaveTextContent('Atenção: A porta 465 normalmente usa TLS direto, não STARTTLS.');
    expect(warning).toHaveStyle({ color: 'var(--mantine-color-yellow-9)' });

    await user.clear(box(form, 'Nome do remetente'));
    await user.type(box(form, 'Nome do remetente'), 'Pão Quente');
    await user.type(box(form, 'Assunto'), 'Seu boleto {{{{seu_numero}}'); // {{ types one {
    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    await waitFor(() => expect(saveMailSettings).toHaveBeenCalledTimes(1));
    const [accountId, dto] = vi.mocked(saveMailSettings).mock.calls[0];
    expect(accountId).toBe(7);
    expect(dto).toMatchObject({
      host: 'smtp.gmail.com',
      port: 465,
      security: 'starttls',
      username: 'financeiro@paoquente.com.br',
      password: '',
      fromName: 'Pão Quente',
      subject: 'Seu boleto {{seu_numero}}',
      body: '',
    });
    expect(await screen.findByText('As configurações de e-mail da conta Loja Centro foram salvas.')).toBeInTheDocument();
    // The warning went with the save that no longer has it.
    expect(form.querySelector('[data-warning="port"]')).toBeNull();
  });

  it('sends a new password once and empties the field after saving', async () => {
    vi.mocked(getMailSettings).mockResolvedValue({ ...suggested, host: 'smtp.gmail.com' });
    vi.mocked(saveMailSettings).mockResolvedValue({ ...saved });
    const user = userEvent.setup();
    const form = await renderForm();

    await user.type(box(form, 'Usuário'), 'financeiro@paoquente.com.br');
    const password = within(form).getByLabelText('Senha');
    expect(password).toBeEnabled();
    expect(within(form).getByText(/use uma senha de app/)).toBeInTheDocument();
    await user.type(password, 'abcd efgh ijkl mnop');
    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    await waitFor(() => expect(saveMailSettings).toHaveBeenCalled());
    expect(vi.mocked(saveMailSettings).mock.calls[0][1].password).toBe('abcd efgh ijkl mnop');
    await waitFor(() => expect(within(form).getByLabelText('Senha')).toHaveValue(''));
    expect(within(form).getByText(/Senha guardada no cofre do sistema/)).toBeInTheDocument();
  });

  it('shows each refused field beside it, and clears it when the field changes', async () => {
    vi.mocked(getMailSettings).mockResolvedValue(suggested);
    vi.mocked(saveMailSettings).mockRejectedValue(
      new BackendError('invalid_input', 'Há 2 campos a corrigir. Informe o servidor SMTP (por exemplo, smtp.gmail.com).', {
        fields: [
          { field: 'host', message: 'Informe o servidor SMTP (por exemplo, smtp.gmail.com).' },
          { field: 'subject', message: 'Assunto: o campo {{x}} não existe.' },
        ],
      }),
    );
    const user = userEvent.setup();
    const form = await renderForm();
    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    expect(await within(form).findByText('Informe o servidor SMTP (por exemplo, smtp.gmail.com).')).toBeInTheDocument();
    expect(box(form, /Servidor SMTP/)).toHaveAttribute('aria-invalid', 'true');
    expect(box(form, 'Assunto')).toHaveAccessibleDescription(/Assunto: o campo \{\{x\}\} não existe\./);
    expect(screen.getByText('As configurações de e-mail não foram salvas')).toBeInTheDocument();

    await user.type(box(form, /Servidor SMTP/), 'smtp.gmail.com');
    expect(box(form, /Servidor SMTP/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(within(form).queryByText('Informe o servidor SMTP (por exemplo, smtp.gmail.com).')).not.toBeInTheDocument();
  });

  it('"Testar conexão" tests the form as typed and shows the sentence or the cause', async () => {
    vi.mocked(getMailSettings).mockResolvedValue(saved);
    vi.mocked(testMailSettings).mockResolvedValueOnce(
      'Conexão com smtp.gmail.com:587 bem-sucedida (STARTTLS, TLS 1.3) e usuário “financeiro@paoquente.com.br” autenticado. Nenhuma mensagem foi enviada.',
    );
    const user = userEvent.setup();
    const form = await renderForm();
    await user.clear(box(form, /Servidor SMTP/));
    await user.type(box(form, /Servidor SMTP/), 'smtp.office365.com');
    await user.click(within(form).getByRole('button', { name: 'Testar conexão' }));

    expect(testMailSettings).toHaveBeenCalledWith(7, expect.objectContaining({ host: 'smtp.office365.com', password: '' }));
    const ok = await within(form).findByText(/bem-sucedida \(STARTTLS, TLS 1\.3\)/);
    expect(ok.closest('[data-outcome]')).toHaveAttribute('data-outcome', 'ok');
    expect(saveMailSettings).not.toHaveBeenCalled();

    vi.mocked(testMailSettings).mockRejectedValueOnce(
      new BackendError(
        'unauthorized',
        'O servidor smtp.office365.com recusou o usuário ou a senha (resposta do servidor: 535 5.7.8 Authentication failed). Confira o usuário e a senha; no Gmail e no Outlook, use uma senha de app.',
      ),
    );
    await user.click(within(form).getByRole('button', { name: 'Testar conexão' }));
    const failed = await within(form).findByText(/recusou o usuário ou a senha/);
    expect(failed.closest('[data-outcome]')).toHaveAttribute('data-outcome', 'failed');
    expect(within(form).getByText('A conexão falhou')).toBeInTheDocument();
  });

  it('says so when the settings cannot be read, and reads them again', async () => {
    vi.mocked(getMailSettings)
      .mockRejectedValueOnce(new BackendError('unavailable', 'O envio de e-mails não está ativo nesta sessão.'))
      .mockResolvedValueOnce(suggested);
    const user = userEvent.setup();
    renderPage(<MailSettingsForm accountId={7} accountName="Loja Centro" />);
    expect(await screen.findByText('O envio de e-mails não está ativo nesta sessão.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('form', { name: 'E-mail da conta Loja Centro' })).toBeInTheDocument();
  });
});
