import { Alert, Anchor, Button, CloseButton, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { createDemoAccount, dismissWelcome, getWelcome, type WelcomeView } from '../../lib/backend';

/**
 * The first-run welcome at the top of the Painel: what the demo account is, what a real Inter
 * account needs, where the data lives and how it is backed up. It stays until the clerk closes
 * it or connects a real account; it never blocks the page under it.
 */
export function WelcomeCard() {
  const navigate = useNavigate();
  const [view, setView] = useState<WelcomeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    // A failure to read the welcome is no reason to disturb the Painel: it simply does not show.
    getWelcome()
      .then((v) => live && setView(v))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!view?.show) return null;

  const close = async () => {
    setView({ ...view, show: false });
    await dismissWelcome().catch(() => undefined);
  };
  const connectReal = async () => {
    await close();
    navigate('/contas/nova');
  };
  const tryDemo = async () => {
    setBusy(true);
    setError('');
    try {
      await createDemoAccount();
      await close();
      navigate('/boletos/novo');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="welcome-title" bg="var(--mantine-color-blue-light)">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Title order={2} size="h3" id="welcome-title">
          Boas-vindas ao Boletos
        </Title>
        <CloseButton aria-label="Fechar as boas-vindas" onClick={() => void close()} />
      </Group>
      <Text mt="xs">
        Aqui você emite boletos com Pix direto no Banco Inter, imprime para o cliente no balcão e vê cada pagamento chegar sozinho, sem
        arquivos de remessa e retorno.
      </Text>
      <List spacing="sm" mt="md">
        <List.Item>
          <Text fw={600} span>
            Conta de demonstração:{' '}
          </Text>
          um banco simulado neste computador. Emita, imprima e “pague” boletos à vontade para conhecer o programa — nada vai para o banco e
          ninguém é cobrado. {view.hasDemo ? 'Ela já está pronta na lista de contas.' : ''}
        </List.Item>
        <List.Item>
          <Text fw={600} span>
            Conta real do Banco Inter:{' '}
          </Text>
          os boletos emitidos são cobranças de verdade. Você vai precisar do certificado (arquivos .crt e .key) e do Client ID e Client
          Secret da integração criada no Internet Banking do Inter (Soluções para sua empresa → Nova integração, com as permissões de
          boletos).
        </List.Item>
        <List.Item>
          <Text fw={600} span>
            Seus dados:{' '}
          </Text>
          ficam neste computador, na pasta <Code>{view.dataDir}</Code>. Todo dia o programa guarda uma cópia de segurança em{' '}
          <Code>{view.backupDir}</Code> (as 7 últimas diárias e 4 semanais). Copie essa pasta para um pendrive ou para a nuvem de vez em
          quando. A chave do certificado e as senhas ficam no cofre de senhas do sistema, não na pasta nem nas cópias.{' '}
          <Anchor component={Link} to="/configuracoes">
            Ver as cópias de segurança
          </Anchor>
        </List.Item>
      </List>
      {error && (
        <Alert color="red" mt="md" title="Não foi possível criar a conta de demonstração" icon={<IconAlertCircle aria-hidden="true" />}>
          {error}
        </Alert>
      )}
      <Stack mt="md" gap="xs">
        <Group gap="sm">
          <Button onClick={() => void connectReal()}>Conectar minha conta Inter</Button>
          {view.hasDemo ? (
            <Button variant="default" onClick={() => void close()}>
              Continuar com a demonstração
            </Button>
          ) : (
            <Button variant="default" loading={busy} onClick={() => void tryDemo()}>
              Experimentar com a conta de demonstração
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
