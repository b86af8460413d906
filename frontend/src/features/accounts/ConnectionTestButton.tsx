import { Alert, Button, Group, List, Loader, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPlugConnected } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { asBackendError, testAccountConnection, type BackendError, type ConnectionTest } from '../../lib/backend';

type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: ConnectionTest }
  | { status: 'error'; error: BackendError };

interface ConnectionTestButtonProps {
  accountId: number;
  accountName: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}

/** "Testar conexão": runs the test and shows its steps and outcome in a dialog. */
export function ConnectionTestButton({ accountId, accountName, variant = 'light', size }: ConnectionTestButtonProps) {
  const [state, setState] = useState<TestState>({ status: 'idle' });
  const [opened, setOpened] = useState(false);
  const latest = useRef(0);

  const run = () => {
    const request = ++latest.current;
    setOpened(true);
    setState({ status: 'running' });
    testAccountConnection(accountId).then(
      (result) => {
        if (request === latest.current) setState({ status: 'done', result });
      },
      (err: unknown) => {
        if (request !== latest.current) return;
        setState({
          status: 'error',
          error: asBackendError(err, 'Não foi possível testar a conexão. Tente de novo.'),
        });
      },
    );
  };

  const close = () => {
    latest.current++;
    setOpened(false);
    setState({ status: 'idle' });
  };

  return (
    <>
      <Button
        variant={variant}
        size={size}
        leftSection={<IconPlugConnected size={16} aria-hidden="true" />}
        onClick={run}
        aria-label={`Testar conexão da conta ${accountName}`}
      >
        Testar conexão
      </Button>
      <Modal opened={opened} onClose={close} title={`Testar conexão — ${accountName}`} size="lg" centered>
        <ConnectionTestResult state={state} />
        <Group justify="flex-end" mt="md">
          {state.status !== 'running' && (
            <Button variant="default" onClick={run}>
              Testar de novo
            </Button>
          )}
          <Button onClick={close}>Fechar</Button>
        </Group>
      </Modal>
    </>
  );
}

function ConnectionTestResult({ state }: { state: TestState }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'running':
      return (
        <Group gap="sm" role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text>Falando com o banco: obtendo o token e consultando a conta…</Text>
        </Group>
      );
    case 'error':
      return (
        <Alert color="red" title="Não foi possível testar a conexão" icon={<IconCircleX aria-hidden="true" />}>
          {state.error.message}
        </Alert>
      );
    case 'done': {
      const { result } = state;
      return (
        <Stack gap="md">
          <Alert
            color={result.ok ? 'green' : 'red'}
            title={result.ok ? 'Conexão funcionando' : 'A conexão falhou'}
            icon={result.ok ? <IconCircleCheck aria-hidden="true" /> : <IconCircleX aria-hidden="true" />}
            data-outcome={result.ok ? 'ok' : 'failed'}
          >
            {result.message}
          </Alert>
          {(result.steps?.length ?? 0) > 0 && (
            <div>
              <Text fw={600} size="sm" mb={4}>
                Etapas
              </Text>
              <List size="sm" spacing={4} aria-label="Etapas do teste">
                {result.steps.map((step, i) => (
                  <List.Item key={i}>{step}</List.Item>
                ))}
              </List>
            </div>
          )}
        </Stack>
      );
    }
  }
}
