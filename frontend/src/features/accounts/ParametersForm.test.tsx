import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import {
  BackendError,
  getAccount,
  saveAccountParameters,
  type AccountView,
  type ParametersDTO,
} from '../../lib/backend';
import { renderPage } from '../../test/render';
import { AccountParametersPage } from './AccountPages';
import { CONVENIO_REASON, ParametersForm, toParameters } from './ParametersForm';
import { noParameters, productionAccount } from './testFixtures';

vi.mock('../../lib/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/backend')>()),
  getAccount: vi.fn(),
  saveAccountParameters: vi.fn(),
}));

type User = ReturnType<typeof userEvent.setup>;

const textbox = (name: string | RegExp, container: HTMLElement = document.body) =>
  within(container).getByRole('textbox', { name });
const group = (name: string) => screen.getByRole('radiogroup', { name });

function renderForm(parameters: ParametersDTO = noParameters) {
  const onSaved = vi.fn();
  const account: AccountView = { ...productionAccount, parameters };
  renderPage(<ParametersForm account={account} onSaved={onSaved} />);
  return { onSaved };
}

async function retype(user: User, input: HTMLElement, text: string) {
  await user.clear(input);
  await user.type(input, text);
}

describe('Parâmetros do boleto', () => {
  it('says it is a direct-integration setup and shows "Convênio" disabled with the reason', () => {
    renderForm();
    expect(screen.getByText('Configuração de integração direta')).toBeInTheDocument();
    expect(screen.getByText(/arquivo de remessa \(CNAB\)/)).toBeInTheDocument();
    const convenio = textbox('Convênio');
    expect(convenio).toBeDisabled();
    expect(convenio).toHaveAccessibleDescription(CONVENIO_REASON);
  });

  it('converts percentages to hundredths of a percent and amounts to centavos, exactly', async () => {
    vi.mocked(saveAccountParameters).mockImplementation(async (_id, p) => ({ ...productionAccount, parameters: p }));
    const user = userEvent.setup();
    const { onSaved } = renderForm();

    await user.click(within(group('Juros')).getByRole('radio', { name: 'Percentual ao mês' }));
    await user.type(textbox('Taxa de juros (% ao mês)'), '1,5');
    await user.click(within(group('Multa')).getByRole('radio', { name: 'Valor fixo' }));
    await user.type(textbox('Multa (R$)'), '1.234,56');
    await user.click(within(group('Desconto')).getByRole('radio', { name: 'Percentual' }));
    await user.type(textbox('Desconto (% do valor do boleto)'), '0,29');
    await retype(user, textbox('Dias antes do vencimento'), '5');
    await retype(user, textbox('Dias para baixa automática'), '15');
    await retype(user, textbox('Prazo de vencimento padrão (dias)'), '7');
    await user.type(textbox('Linha 1'), 'Não receber após 15 dias do vencimento.');
    await user.type(textbox('Linha 2'), 'Juros de 1,5% ao mês.');
    await user.click(screen.getByRole('button', { name: 'Salvar parâmetros' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(saveAccountParameters).toHaveBeenCalledExactlyOnceWith(7, {
      interestCode: 'TAXAMENSAL',
      interestRateBp: 150,
      interestAmountCents: 0,
      fineCode: 'VALORFIXO',
      fineRateBp: 0,
      fineAmountCents: 123456,
      discountCode: 'PERCENTUALDATAINFORMADA',
      discountRateBp: 29,
      discountAmountCents: 0,
      discountDaysBefore: 5,
      agendaDays: 15,
      messages: ['Não receber após 15 dias do vencimento.', 'Juros de 1,5% ao mês.'],
      defaultDueDays: 7,
    });
  });

  it('shows the saved values in pt-BR: "1,00" %, "R$ 2,50", the lines and their counters', () => {
    renderForm({
      ...noParameters,
      interestCode: 'VALORDIA',
      interestAmountCents: 250,
      fineCode: 'PERCENTUAL',
      fineRateBp: 200,
      agendaDays: 30,
      messages: ['Linha um', '', 'Linha três'],
    });
    expect(within(group('Juros')).getByRole('radio', { name: 'Valor por dia' })).toBeChecked();
    expect(textbox('Juros por dia de atraso (R$)')).toHaveValue('2,50');
    expect(within(group('Multa')).getByRole('radio', { name: 'Percentual' })).toBeChecked();
    expect(textbox('Multa (% do valor do boleto)')).toHaveValue('2,00');
    expect(within(group('Desconto')).getByRole('radio', { name: 'Sem desconto' })).toBeChecked();
    expect(textbox('Dias para baixa automática')).toHaveValue('30');
    expect(textbox('Linha 1')).toHaveValue('Linha um');
    expect(textbox('Linha 3')).toHaveValue('Linha três');
    expect(textbox('Linha 1')).toHaveAccessibleDescription('8 de 78 caracteres');
    expect(textbox('Linha 5')).toHaveAccessibleDescription('0 de 78 caracteres');
  });

  it('refuses what is not a number in the browser, beside the field, without calling the backend', async () => {
    const user = userEvent.setup();
    renderForm();

    await user.click(within(group('Multa')).getByRole('radio', { name: 'Percentual' }));
    await user.type(textbox('Multa (% do valor do boleto)'), '2,555');
    await user.click(within(group('Juros')).getByRole('radio', { name: 'Valor por dia' }));
    await user.click(screen.getByRole('button', { name: 'Salvar parâmetros' }));

    expect(textbox('Multa (% do valor do boleto)')).toHaveAccessibleDescription(/até duas casas decimais/);
    expect(textbox('Juros por dia de atraso (R$)')).toHaveAccessibleDescription(/Informe o valor dos juros por dia/);
    expect(await screen.findByRole('alert')).toHaveTextContent('Os parâmetros não foram salvos');
    expect(saveAccountParameters).not.toHaveBeenCalled();
  });

  it('counts the characters of each line and refuses a line over 78', async () => {
    const user = userEvent.setup();
    renderForm();

    const line = textbox('Linha 4');
    await user.click(line);
    await user.paste('x'.repeat(80));
    expect(line).toHaveAccessibleDescription('80 de 78 caracteres');
    await user.click(screen.getByRole('button', { name: 'Salvar parâmetros' }));

    expect(line).toHaveAccessibleDescription(/A linha 4 tem 80 caracteres; o máximo é 78\./);
    expect(saveAccountParameters).not.toHaveBeenCalled();
  });

  it("shows the backend's field errors beside the right fields", async () => {
    vi.mocked(saveAccountParameters).mockRejectedValue(
      new BackendError('invalid_input', 'Confira os parâmetros.', {
        fields: [
          { field: 'parameters.fineRateBp', message: 'A taxa da multa não pode passar de 100%; foi informado 150,00%.' },
          { field: 'parameters.messages.1', message: 'A linha 2 da mensagem não pode ter tabulações.' },
        ],
      }),
    );
    const user = userEvent.setup();
    const { onSaved } = renderForm();

    await user.click(within(group('Multa')).getByRole('radio', { name: 'Percentual' }));
    await user.type(textbox('Multa (% do valor do boleto)'), '150');
    await user.type(textbox('Linha 2'), 'texto');
    await user.click(screen.getByRole('button', { name: 'Salvar parâmetros' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Confira os parâmetros.');
    expect(textbox('Multa (% do valor do boleto)')).toHaveAccessibleDescription(/não pode passar de 100%/);
    expect(textbox('Linha 2')).toHaveAccessibleDescription(/não pode ter tabulações/);
    expect(textbox('Linha 1')).not.toBeInvalid();
    expect(textbox('Multa (% do valor do boleto)')).toHaveValue('150,00');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('warns that 0 days for baixa makes multa and juros useless', async () => {
    const user = userEvent.setup();
    renderForm({ ...noParameters, agendaDays: 10 });

    await user.click(within(group('Multa')).getByRole('radio', { name: 'Percentual' }));
    expect(screen.queryByText(/nunca serão cobrados/)).not.toBeInTheDocument();
    await retype(user, textbox('Dias para baixa automática'), '0');
    expect(screen.getByText(/nunca serão cobrados/)).toBeInTheDocument();
    expect(textbox('Dias para baixa automática')).toHaveAccessibleDescription(/cancelado no próprio vencimento/);
  });
});

describe('toParameters', () => {
  const base = {
    interestCode: '' as const,
    interestRate: '',
    interestAmount: '',
    fineCode: '' as const,
    fineRate: '',
    fineAmount: '',
    discountCode: '' as const,
    discountRate: '',
    discountAmount: '',
    discountDaysBefore: 3,
    agendaDays: 61,
    defaultDueDays: 5,
    messages: ['', 'b', '', '', ''],
  };

  it('drops the values of unchosen charges and keeps the line positions', () => {
    const { parameters, problems } = toParameters({ ...base, agendaDays: 60, interestRate: '9', fineAmount: '1' });
    expect(problems).toEqual({});
    expect(parameters.interestRateBp).toBe(0);
    expect(parameters.fineAmountCents).toBe(0);
    expect(parameters.discountDaysBefore).toBe(0);
    expect(parameters.messages).toEqual(['', 'b']);
  });

  it('refuses more than 60 days for baixa', () => {
    expect(toParameters(base).problems).toEqual({
      'parameters.agendaDays': 'O campo “Dias para baixa automática” aceita um número inteiro de 0 a 60.',
    });
  });
});

describe('página de parâmetros', () => {
  it('loads the account of the route and saves its parameters', async () => {
    vi.mocked(getAccount).mockResolvedValue({ ...productionAccount, parameters: { ...noParameters, fineCode: 'PERCENTUAL', fineRateBp: 200 } });
    vi.mocked(saveAccountParameters).mockImplementation(async (_id, p) => ({ ...productionAccount, parameters: p }));
    const user = userEvent.setup();
    render(
      <MantineProvider>
        <Notifications />
        <MemoryRouter initialEntries={['/contas/7/parametros']}>
          <Routes>
            <Route path="/contas/:id/parametros" element={<AccountParametersPage />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>,
    );

    expect(await screen.findByRole('textbox', { name: 'Multa (% do valor do boleto)' })).toHaveValue('2,00');
    expect(getAccount).toHaveBeenCalledExactlyOnceWith(7);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Parâmetros do boleto');
    expect(screen.getByRole('link', { name: /Voltar à conta Inter — Loja Centro/ })).toHaveAttribute('href', '/contas/7');

    await retype(user, textbox('Multa (% do valor do boleto)'), '2,5');
    await user.click(screen.getByRole('button', { name: 'Salvar parâmetros' }));

    expect(await screen.findByText('Parâmetros salvos')).toBeInTheDocument();
    expect(vi.mocked(saveAccountParameters).mock.calls[0][1].fineRateBp).toBe(250);
  });
});
