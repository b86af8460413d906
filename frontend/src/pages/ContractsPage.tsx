import { Button, Drawer, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarRepeat, IconFilePlus, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { Page } from '../components/Page';
import { NoAccountNotice } from '../features/accounts/NoAccountNotice';
import { loadAccounts } from '../features/accounts/useAccountChoice';
import { useLoad } from '../features/accounts/useLoad';
import { ContractForm } from '../features/contracts/ContractForm';
import { ContractTable } from '../features/contracts/ContractTable';
import { addDays, brDate, parseISO, todayISO } from '../features/contracts/plan';
import { SetActiveModal, type ActiveChange } from '../features/contracts/SetActiveModal';
import {
  asBackendError,
  billContractsNow,
  listContracts,
  type AccountView,
  type ContractView,
} from '../lib/backend';
import { RetryAlert } from '../components/RetryAlert';

interface Loaded {
  contracts: ContractView[];
  accounts: AccountView[];
}

async function load(): Promise<Loaded> {
  const [contracts, accounts] = await Promise.all([listContracts(), loadAccounts()]);
  return { contracts, accounts };
}

/**
 * "Contratos": monthly charges of a fixed amount. The app creates each month's boleto a few
 * days before its due date, by itself, never twice for the same month; here the user lists
 * them, creates one, ends or resumes one, and can ask for the boletos due now.
 */
export function ContractsPage() {
  const { state, reload, replace } = useLoad(load, 0, 'Não foi possível carregar os contratos.');
  const [editor, setEditor] = useState({ opened: false, key: 0 });
  const [change, setChange] = useState<ActiveChange | null>(null);
  const [billing, setBilling] = useState(false);
  const [today] = useState(() => todayISO());

  // Closing the drawer (Escape, a click outside) keeps what was typed for the next opening;
  // "Cancelar" and a save start the next one afresh.
  const openEditor = () => setEditor((e) => ({ ...e, opened: true }));
  const closeEditor = () => setEditor((e) => ({ ...e, opened: false }));
  const discardEditor = () => setEditor((e) => ({ opened: false, key: e.key + 1 }));

  const data = state.status === 'ready' ? state.data : null;
  const accounts = data?.accounts ?? [];
  const contracts = data?.contracts ?? [];

  const saved = (contract: ContractView) => {
    discardEditor();
    reload();
    notifications.show({ color: 'green', title: 'Contrato criado', message: createdMessage(contract) });
  };

  const changed = (contract: ContractView) => {
    setChange(null);
    if (data) replace({ ...data, contracts: data.contracts.map((c) => (c.id === contract.id ? contract : c)) });
    notifications.show({
      color: 'green',
      title: contract.active ? 'Contrato reativado' : 'Contrato encerrado',
      message: contract.active
        ? 'Os próximos boletos voltam a ser criados antes de cada vencimento.'
        : 'Nenhum boleto novo será criado para ele.',
    });
  };

  const billNow = async () => {
    setBilling(true);
    try {
      const n = await billContractsNow();
      notifications.show(
        n === 0
          ? {
              color: 'blue',
              title: 'Nenhum boleto a criar agora',
              message: 'Os contratos ativos já têm os boletos dos próximos dias; os outros são criados na data certa.',
            }
          : {
              color: 'green',
              title: n === 1 ? '1 boleto criado' : `${n} boletos criados`,
              message: 'Veja em Boletos, ou em “Ver boletos” de cada contrato.',
            },
      );
      reload();
    } catch (err) {
      notifications.show({
        color: 'red',
        title: 'Os boletos não foram gerados',
        message: asBackendError(err, 'Não foi possível gerar os boletos dos contratos. Tente de novo.').message,
      });
    } finally {
      setBilling(false);
    }
  };

  const noAccount = data !== null && accounts.length === 0;
  const anyActive = contracts.some((c) => c.active);

  return (
    <Page title="Contratos">
      <Text maw={820}>
        Cobranças de valor fixo todo mês: mensalidades, aluguéis, manutenção. O Boletos cria sozinho o boleto de cada
        mês alguns dias antes do vencimento — ao abrir e a cada hora, enquanto estiver aberto — e nunca cria dois boletos
        para o mesmo mês.
      </Text>

      {data && !noAccount && (
        <Group gap="sm" wrap="wrap">
          <Button leftSection={<IconFilePlus size={18} aria-hidden="true" />} onClick={openEditor}>
            Novo contrato
          </Button>
          {anyActive && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={18} aria-hidden="true" />}
              onClick={() => void billNow()}
              loading={billing}
            >
              Gerar boletos agora
            </Button>
          )}
        </Group>
      )}

      {state.status === 'loading' && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>Carregando contratos…</Text>
        </Group>
      )}

      {state.status === 'error' && (
        <RetryAlert title="Não foi possível carregar os contratos" message={state.error.message} onRetry={reload} maw={760} />
      )}

      {noAccount && contracts.length === 0 && (
        <NoAccountNotice description="Um contrato gera boletos de uma conta do Banco Inter. Cadastre antes a conta — ou use a conta de demonstração para conhecer o programa. As duas opções estão em Contas bancárias." />
      )}

      {data && !noAccount && contracts.length === 0 && (
        <EmptyState
          icon={<IconCalendarRepeat size={32} aria-hidden="true" />}
          variant="light"
          title="Nenhum contrato cadastrado"
          description="Cadastre aqui quem paga o mesmo valor todo mês. Você escolhe o dia do vencimento, o início, até quando vale e com quantos dias de antecedência cada boleto é criado; o Boletos cria os boletos mês a mês e, se você quiser, já os emite no banco."
          maw={680}
        >
          <EmptyState.Actions>
            <Button leftSection={<IconFilePlus size={18} aria-hidden="true" />} onClick={openEditor}>
              Cadastrar o primeiro contrato
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      )}

      {contracts.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed" role="status">
            {countText(contracts)}
          </Text>
          <ContractTable contracts={contracts} onSetActive={(contract, active) => setChange({ contract, active })} />
        </Stack>
      )}

      <Drawer
        opened={editor.opened}
        onClose={closeEditor}
        title="Novo contrato"
        position="right"
        size="xl"
        keepMounted
      >
        {accounts.length > 0 && (
          <ContractForm key={editor.key} accounts={accounts} today={today} onSaved={saved} onCancel={discardEditor} />
        )}
      </Drawer>

      <SetActiveModal change={change} onClose={() => setChange(null)} onDone={changed} />
    </Page>
  );
}

function countText(contracts: ContractView[]): string {
  const n = contracts.length;
  const active = contracts.filter((c) => c.active).length;
  const total = n === 1 ? '1 contrato' : `${n} contratos`;
  if (active === n) return n === 1 ? '1 contrato ativo' : `${n} contratos ativos`;
  if (active === 0) return `${total}, nenhum ativo`;
  return `${total}, ${active === 1 ? '1 ativo' : `${active} ativos`}`;
}

/** What a new contract did at once, or when its first boleto comes. */
function createdMessage(c: ContractView): string {
  if (c.billedMonths === 1) {
    return `O boleto do primeiro mês já foi criado${c.autoIssue ? ' e enviado ao banco' : ' como rascunho'}. Veja em “Ver boletos”.`;
  }
  if (c.billedMonths > 1) {
    return `${c.billedMonths} boletos já foram criados${c.autoIssue ? ' e enviados ao banco' : ' como rascunhos'}. Veja em “Ver boletos”.`;
  }
  const next = parseISO(c.nextDueDate);
  if (!next) return 'Nenhum boleto a criar: o contrato não tem vencimentos a partir de hoje.';
  const created = addDays(next, -c.leadDays);
  return `O primeiro boleto, de vencimento ${brDate(next)}, será criado em ${brDate(created)}.`;
}
