import { Alert, Anchor, Button, Grid, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFlask, IconSettings, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Page } from '../../components/Page';
import { asBackendError, BackendError, deleteAccount, getAccount, type AccountView } from '../../lib/backend';
import { AccountBadges } from './AccountBadges';
import { AccountForm } from './AccountForm';
import { LoadError } from './AccountList';
import { ConnectionTestButton } from './ConnectionTestButton';
import { CredentialsHelp } from './CredentialsHelp';
import { ParametersForm } from './ParametersForm';
import { useLoad, type LoadState } from './useLoad';

/** #/contas/nova */
export function NewAccountPage() {
  const navigate = useNavigate();
  const saved = (account: AccountView) => {
    notifications.show({
      color: 'green',
      title: 'Conta cadastrada',
      message: account.directIntegration
        ? 'Agora teste a conexão e confira os parâmetros do boleto.'
        : 'Confira os parâmetros do boleto desta conta.',
    });
    navigate(`/contas/${account.id}`);
  };
  return (
    <Page title="Nova conta bancária">
      <BackToAccounts />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 8 }} order={{ base: 2, lg: 1 }}>
          <AccountForm onSaved={saved} onCancel={() => navigate('/contas')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }} order={{ base: 1, lg: 2 }}>
          <CredentialsHelp defaultOpen />
        </Grid.Col>
      </Grid>
    </Page>
  );
}

/** #/contas/:id — the account, its actions and its form. */
export function AccountDetailPage() {
  const id = useAccountId();
  const { state, reload, replace } = useAccount(id);
  const navigate = useNavigate();

  const saved = (account: AccountView) => {
    replace(account);
    notifications.show({ color: 'green', title: 'Conta salva', message: `As alterações de “${account.name}” foram salvas.` });
  };

  return (
    <Page title={state.status === 'ready' ? state.data.name : 'Conta bancária'}>
      <BackToAccounts />
      <AccountLoad state={state} reload={reload}>
        {(account) => (
          <Stack gap="lg">
            <AccountHeader account={account} />
            <Group gap="sm">
              {account.directIntegration && <ConnectionTestButton accountId={account.id} accountName={account.name} variant="filled" />}
              <Button
                component={Link}
                to={`/contas/${account.id}/parametros`}
                variant="default"
                leftSection={<IconSettings size={16} aria-hidden="true" />}
              >
                Parâmetros do boleto
              </Button>
              <DeleteAccountButton account={account} onDeleted={() => navigate('/contas')} />
            </Group>
            <Grid gap="xl">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <Title order={2} size="h3" mb="sm">
                  Dados da conta
                </Title>
                <AccountForm key={account.id} account={account} onSaved={saved} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <CredentialsHelp />
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </AccountLoad>
    </Page>
  );
}

/** #/contas/:id/parametros */
export function AccountParametersPage() {
  const id = useAccountId();
  const { state, reload, replace } = useAccount(id);

  const saved = (account: AccountView) => {
    replace(account);
    notifications.show({
      color: 'green',
      title: 'Parâmetros salvos',
      message: 'Os próximos boletos desta conta já saem com eles.',
    });
  };

  return (
    <Page title="Parâmetros do boleto">
      <AccountLoad state={state} reload={reload}>
        {(account) => (
          <Stack gap="lg">
            <Group gap="xs">
              <Anchor component={Link} to={`/contas/${account.id}`} size="sm">
                <Group gap={4} component="span">
                  <IconArrowLeft size={14} aria-hidden="true" />
                  Voltar à conta {account.name}
                </Group>
              </Anchor>
            </Group>
            <AccountHeader account={account} />
            <ParametersForm key={account.id} account={account} onSaved={saved} />
          </Stack>
        )}
      </AccountLoad>
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------

function useAccountId(): number {
  const { id } = useParams();
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function useAccount(id: number) {
  return useLoad(
    () =>
      id > 0
        ? getAccount(id)
        : Promise.reject(new BackendError('not_found', 'Este endereço não corresponde a nenhuma conta.')),
    id,
    'Não foi possível carregar a conta.',
  );
}

interface AccountLoadProps {
  state: LoadState<AccountView>;
  reload: () => void;
  children: (account: AccountView) => ReactNode;
}

function AccountLoad({ state, reload, children }: AccountLoadProps) {
  switch (state.status) {
    case 'loading':
      return <Loader aria-label="Carregando a conta" />;
    case 'error':
      return state.error.code === 'not_found' ? (
        <Alert color="yellow" title="Conta não encontrada" maw={720}>
          <Text size="sm">{state.error.message}</Text>
          <Anchor component={Link} to="/contas" size="sm">
            Ver as contas cadastradas
          </Anchor>
        </Alert>
      ) : (
        <LoadError title="Não foi possível carregar a conta" message={state.error.message} onRetry={reload} />
      );
    case 'ready':
      return <>{children(state.data)}</>;
  }
}

function AccountHeader({ account }: { account: AccountView }) {
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Text c="dimmed">
          {account.bankName || 'Banco Inter'} ({account.bank || '077'}) · agência {account.agency} · conta{' '}
          {account.accountNumber}
        </Text>
        <AccountBadges account={account} />
      </Group>
      {account.isSimulation && (
        <Alert role="note" color="yellow" icon={<IconFlask aria-hidden="true" />} title="Conta de simulação" maw={820}>
          Esta conta fala com um banco simulado
          {account.simulatorUrl ? ` (${account.simulatorUrl})` : ''}: os boletos dela não valem nada e
          nada chega ao Banco Inter.
        </Alert>
      )}
    </Stack>
  );
}

function BackToAccounts() {
  return (
    <Anchor component={Link} to="/contas" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        Voltar às contas bancárias
      </Group>
    </Anchor>
  );
}

function DeleteAccountButton({ account, onDeleted }: { account: AccountView; onDeleted: () => void }) {
  const [opened, setOpened] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<BackendError | null>(null);

  const confirm = () => {
    setDeleting(true);
    setError(null);
    deleteAccount(account.id).then(
      () => {
        setDeleting(false);
        setOpened(false);
        notifications.show({ color: 'green', title: 'Conta excluída', message: `“${account.name}” foi excluída.` });
        onDeleted();
      },
      (err: unknown) => {
        setDeleting(false);
        setError(asBackendError(err, 'Não foi possível excluir a conta. Tente de novo.'));
      },
    );
  };

  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} aria-hidden="true" />}
        onClick={() => {
          setError(null);
          setOpened(true);
        }}
      >
        Excluir conta
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Excluir a conta “${account.name}”?`} centered>
        <Stack gap="md">
          <Text size="sm">
            O certificado, a chave e o client secret desta conta serão apagados deste computador e do cofre
            de senhas. Nada muda no Banco Inter: a integração continua lá até você removê-la.
          </Text>
          {error && (
            <Alert color="red" title="A conta não foi excluída">
              {error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancelar
            </Button>
            <Button color="red" onClick={confirm} loading={deleting}>
              Excluir
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
