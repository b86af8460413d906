import { Alert, Anchor, Button, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Page } from '../../../components/Page';
import { getBoleto, getDraft, type AccountView, type BoletoDetail, type DraftInput } from '../../../lib/backend';
import { LoadError } from '../../accounts/AccountList';
import { WithAccounts } from '../../accounts/NoAccountNotice';
import { loadAccounts, useAccountChoice } from '../../accounts/useAccountChoice';
import { useLoad } from '../../accounts/useLoad';
import { DraftEditor } from './DraftEditor';

/** #/boletos/novo: the account (chosen, or the only one) and then the form with its defaults. */
export function NewDraftScreen() {
  return (
    <Page title="Novo boleto">
      <WithAccounts noAccount="Para emitir um boleto, cadastre antes a conta do Banco Inter de onde ele sai — ou use a conta de demonstração para conhecer o programa. As duas opções estão em Contas bancárias.">
        {(accounts) => <StartDraft accounts={accounts} />}
      </WithAccounts>
    </Page>
  );
}

/** With one account it is used at once; with several the user picks one first. */
function StartDraft({ accounts }: { accounts: AccountView[] }) {
  const {
    accountId,
    setAccountId,
    defaults: { state, reload },
  } = useAccountChoice(accounts, 'Não foi possível preparar o boleto. Tente de novo.');

  if (accountId === null) {
    return (
      <Stack gap="xs" maw={520}>
        <NativeSelect
          label="Conta que emite o boleto"
          description="Juros, multa, desconto e instruções vêm dos parâmetros desta conta."
          data={[
            { value: '', label: 'Escolha a conta' },
            ...accounts.map((a) => ({ value: String(a.id), label: a.isSimulation ? `${a.name} (simulação)` : a.name })),
          ]}
          value=""
          onChange={(event) => {
            const id = Number(event.currentTarget.value);
            if (id > 0) setAccountId(id);
          }}
          data-autofocus
        />
      </Stack>
    );
  }
  if (state.status === 'loading') return <Loader aria-label="Preparando o boleto" />;
  if (state.status === 'error') {
    return <LoadError title="Não foi possível preparar o boleto" message={state.error.message} onRetry={reload} />;
  }
  if (state.data === null) return null;
  return <DraftEditor mode={{ kind: 'new' }} initial={state.data} accounts={accounts} />;
}

interface EditData {
  draft: DraftInput;
  detail: BoletoDetail;
  accounts: AccountView[];
}

/** #/boletos/:id/editar: a draft or a boleto that failed, with its version for the save. */
export function EditDraftScreen({ id }: { id: number }) {
  const [generation, setGeneration] = useState(0);
  const { state, reload } = useLoad<EditData>(
    async () => {
      const [draft, detail, accounts] = await Promise.all([getDraft(id), getBoleto(id), loadAccounts()]);
      return { draft, detail, accounts };
    },
    `${id}:${generation}`,
    'Não foi possível abrir o boleto. Tente de novo.',
  );

  const title = state.status === 'ready' ? `Editar boleto ${state.data.detail.row.seuNumero}` : 'Editar boleto';
  return (
    <Page title={title}>
      <BackToBoleto id={id} />
      {state.status === 'loading' && <Loader aria-label="Carregando o boleto" />}
      {state.status === 'error' && (
        <LoadError title="Não foi possível abrir o boleto" message={state.error.message} onRetry={reload} />
      )}
      {state.status === 'ready' &&
        (state.data.detail.actions.edit ? (
          <EditableNotice detail={state.data.detail}>
            <DraftEditor
              key={`${id}:${state.data.detail.version}:${generation}`}
              mode={{ kind: 'edit', id, version: state.data.detail.version, seuNumero: state.data.detail.row.seuNumero }}
              initial={state.data.draft}
              accounts={state.data.accounts}
              onReload={() => setGeneration((g) => g + 1)}
            />
          </EditableNotice>
        ) : (
          <NotEditable detail={state.data.detail} />
        ))}
    </Page>
  );
}

function BackToBoleto({ id }: { id: number }) {
  return (
    <Anchor component={Link} to={`/boletos/${id}`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        Voltar ao boleto
      </Group>
    </Anchor>
  );
}

/** A boleto that failed says why above the form, so the fix is made where it is read. */
function EditableNotice({ detail, children }: { detail: BoletoDetail; children: ReactNode }) {
  const failed = detail.row.state === 'failed';
  return (
    <Stack gap="lg">
      {failed && (
        <Alert color="red" variant="light" title="A emissão deste boleto falhou" maw={820}>
          <Text size="sm">
            {detail.failureReason || 'O banco recusou o boleto.'} Corrija os dados e use “Emitir agora” para enviá-lo de
            novo.
          </Text>
        </Alert>
      )}
      {children}
    </Stack>
  );
}

/** Only drafts and boletos that failed are edited here; the rest has its own actions. */
function NotEditable({ detail }: { detail: BoletoDetail }) {
  const { row, actions } = detail;
  let hint = 'Veja na tela do boleto o que ainda pode ser feito com ele.';
  if (actions.unqueue) hint = 'Ele está na fila de envio: para alterá-lo, tire-o da fila na tela do boleto.';
  else if (actions.editAtBank) hint = 'Para mudar o vencimento ou o valor, use “Alterar no banco” na tela do boleto.';
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconLock aria-hidden="true" />}
      title="Este boleto não pode mais ser editado"
      maw={720}
    >
      <Stack gap="sm">
        <Text size="sm">
          O boleto {row.seuNumero} está “{row.stateLabel}”: só rascunhos e boletos com falha na emissão são editados
          aqui. {hint}
        </Text>
        <Group>
          <Button component={Link} to={`/boletos/${row.id}`} size="xs" variant="white">
            Ver o boleto
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
