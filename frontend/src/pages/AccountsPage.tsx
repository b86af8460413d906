import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Page } from '../components/Page';
import { AccountList, EmptyAccounts, LoadError } from '../features/accounts/AccountList';
import { useAccounts } from '../features/accounts/useAccountChoice';
import { asBackendError, createDemoAccount, type BackendError } from '../lib/backend';

export function AccountsPage() {
  const { state, reload } = useAccounts();
  const [creatingDemo, setCreatingDemo] = useState(false);
  const [demoError, setDemoError] = useState<BackendError | null>(null);

  const startDemo = () => {
    setCreatingDemo(true);
    setDemoError(null);
    createDemoAccount().then(
      (account) => {
        setCreatingDemo(false);
        notifications.show({
          color: 'yellow',
          title: 'Conta de demonstração pronta',
          message: `“${account.name}” usa um banco simulado: nada do que ela emitir chega ao Banco Inter.`,
        });
        reload();
      },
      (err: unknown) => {
        setCreatingDemo(false);
        setDemoError(asBackendError(err, 'Não foi possível criar a conta de demonstração. Tente de novo.'));
      },
    );
  };

  return (
    <Page title="Contas bancárias">
      <Group justify="space-between" maw={960} gap="sm">
        <Text maw={640}>
          A conta do Banco Inter de onde saem os boletos: certificado, chave e credenciais da integração
          direta, e os juros, multa e desconto que cada boleto leva.
        </Text>
        {state.status === 'ready' && state.data.length > 0 && (
          <Button component={Link} to="/contas/nova" leftSection={<IconPlus size={16} aria-hidden="true" />}>
            Cadastrar conta
          </Button>
        )}
      </Group>
      {demoError && (
        <Alert color="red" title="Conta de demonstração não criada" maw={960}>
          {demoError.message}
        </Alert>
      )}
      {state.status === 'loading' && <Loader aria-label="Carregando as contas bancárias" />}
      {state.status === 'error' && (
        <LoadError title="Não foi possível carregar as contas" message={state.error.message} onRetry={reload} />
      )}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <EmptyAccounts onUseDemo={startDemo} creatingDemo={creatingDemo} />
        ) : (
          <AccountList accounts={state.data} />
        ))}
    </Page>
  );
}

