import { Alert, Button, Fieldset, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconAlertTriangle, IconArrowBackUp, IconCalendar, IconPencil } from '@tabler/icons-react';
import type { AccountView } from '../../lib/backend';
import { AccountBadges } from '../accounts/AccountBadges';
import { chargesSummary } from '../boletos/draft/DraftEditor';
import { parseBRDate } from '../boletos/draft/draftValues';
import { ChargesFields, MAX_AGENDA_DAYS, WARNING_COLOR_STYLE } from '../charges/ChargesFields';
import type { ImportCharges } from './useImportCharges';

interface ImportOptionsProps {
  accounts: AccountView[];
  accountId: number | null;
  onAccount: (id: number) => void;
  /** The account's defaults are being read. */
  loadingDefaults: boolean;
  /** Why the account's defaults could not be read. */
  defaultsError: string | null;
  dueDate: string;
  onDueDate: (date: string) => void;
  charges: ImportCharges;
  disabled?: boolean;
}

/** The account, the due date for documents without one and the charges of the boletos. */
export function ImportOptions(props: ImportOptionsProps) {
  const { accounts, accountId, onAccount, loadingDefaults, defaultsError, dueDate, onDueDate, charges, disabled } = props;
  const account = accounts.find((a) => a.id === accountId);
  const ready = account !== undefined && !loadingDefaults && defaultsError === null;

  return (
    <Fieldset legend="Como criar os boletos" style={WARNING_COLOR_STYLE}>
      <Stack gap="md">
        <Stack gap="xs">
          <NativeSelect
            label="Conta que emite os boletos"
            description="Juros, multa, desconto, instruções e o prazo padrão vêm dos parâmetros desta conta."
            data={[
              ...(account ? [] : [{ value: '', label: 'Escolha a conta' }]),
              ...accounts.map((a) => ({ value: String(a.id), label: a.isSimulation ? `${a.name} (simulação)` : a.name })),
            ]}
            value={account ? String(account.id) : ''}
            onChange={(event) => {
              const id = Number(event.currentTarget.value);
              if (id > 0) onAccount(id);
            }}
            disabled={disabled}
            maw={520}
          />
          {account && <AccountBadges account={account} />}
          {account?.isSimulation && (
            <Alert color="yellow" variant="light" p="xs" icon={<IconAlertTriangle aria-hidden="true" />}>
              <Text size="sm">
                Conta de demonstração: os boletos vão para um banco simulado neste computador; nada chega ao Banco
                Inter.
              </Text>
            </Alert>
          )}
          {defaultsError && (
            <Alert color="red" variant="light" title="Não foi possível ler os parâmetros da conta">
              {defaultsError}
            </Alert>
          )}
        </Stack>

        {loadingDefaults && <Loader size="sm" aria-label="Lendo os parâmetros da conta" />}

        {ready && (
          <>
            <DateInput
              label="Vencimento para documentos sem data"
              description="Vale para as parcelas sem vencimento no documento (NFS-e, notas sem duplicatas). Em branco: hoje mais o prazo padrão da conta."
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={dueDate || null}
              onChange={(date) => onDueDate(date ?? '')}
              valueFormat="DD/MM/YYYY"
              dateParser={parseBRDate}
              placeholder="dd/mm/aaaa"
              clearable
              leftSection={<IconCalendar size={16} aria-hidden="true" />}
              popoverProps={{ withinPortal: true }}
              disabled={disabled}
              maw={460}
            />

            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {charges.custom ? 'Encargos desta importação' : 'Encargos da conta'}
              </Text>
              {!charges.custom && (
                <Text size="sm" data-charges-summary>
                  {chargesSummary(charges.values)}
                </Text>
              )}
              <Group>
                <Button
                  variant="light"
                  size="compact-sm"
                  onClick={() => charges.setCustom(!charges.custom)}
                  disabled={disabled}
                  aria-expanded={charges.custom}
                  leftSection={
                    charges.custom ? <IconArrowBackUp size={14} aria-hidden="true" /> : <IconPencil size={14} aria-hidden="true" />
                  }
                >
                  {charges.custom ? 'Voltar aos encargos da conta' : 'Alterar para esta importação'}
                </Button>
              </Group>
              {charges.custom && (
                <Stack gap="sm">
                  <ChargesFields
                    values={charges.values}
                    onChange={charges.setValue}
                    onMessageChange={charges.setMessage}
                    feedback={charges.feedback}
                    agendaLabel="Dias para aceitar após o vencimento"
                    agendaDescription={`Por quantos dias depois do vencimento o banco ainda aceita o pagamento (de 0 a ${MAX_AGENDA_DAYS}); depois disso o boleto é baixado.`}
                    deadlinesLegend="Prazo para pagamento"
                  />
                  {charges.blocking.length > 0 && (
                    <Text size="sm" c="red.8">
                      Corrija os encargos marcados em vermelho para criar os boletos.
                    </Text>
                  )}
                </Stack>
              )}
            </Stack>
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
