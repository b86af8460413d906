import { Button, DataList, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingBank, IconFlask, IconSettings, type Icon } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { AccountView } from '../../lib/backend';
import { formatDate } from '../../lib/format';
import { AccountBadges } from './AccountBadges';
import { daysLeftText } from './CertificateCard';
import { ConnectionTestButton } from './ConnectionTestButton';
import { RetryAlert } from '../../components/RetryAlert';

/** The registered accounts, one card each. */
export function AccountList({ accounts }: { accounts: AccountView[] }) {
  return (
    <Stack gap="md" maw={960}>
      {accounts.map((account) => (
        <AccountCard key={account.id} account={account} />
      ))}
    </Stack>
  );
}

function AccountCard({ account }: { account: AccountView }) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Title order={2} size="h3" id={headingId}>
          {account.name}
        </Title>
        <AccountBadges account={account} />
      </Group>
      <DataList labelWidth={170}>
        <DataList.Item>
          <DataList.ItemLabel>Banco</DataList.ItemLabel>
          <DataList.ItemValue>
            {account.bankName || 'Banco Inter'} — {account.bank || '077'}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Agência e conta</DataList.ItemLabel>
          <DataList.ItemValue>
            {account.agency || '—'} / {account.accountNumber || '—'}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Integração direta</DataList.ItemLabel>
          <DataList.ItemValue>
            {account.directIntegration
              ? 'Ativada: os boletos são registrados no banco na hora'
              : 'Desativada: boletos só como rascunho e impressão'}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Certificado</DataList.ItemLabel>
          <DataList.ItemValue>
            <CertificateSummary account={account} />
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <Group gap="sm" mt="md">
        <Button component={Link} to={`/contas/${account.id}`} aria-label={`Abrir a conta ${account.name}`}>
          Abrir
        </Button>
        {account.directIntegration && <ConnectionTestButton accountId={account.id} accountName={account.name} />}
        <Button
          component={Link}
          to={`/contas/${account.id}/parametros`}
          variant="default"
          leftSection={<IconSettings size={16} aria-hidden="true" />}
          aria-label={`Parâmetros do boleto da conta ${account.name}`}
        >
          Parâmetros do boleto
        </Button>
      </Group>
    </Paper>
  );
}

/** One line about the certificate: validity and days left, orange or red when it matters. */
export function CertificateSummary({ account }: { account: Pick<AccountView, 'certificate' | 'directIntegration'> }) {
  const certificate = account.certificate;
  if (!certificate) {
    return account.directIntegration ? (
      <Text span c="red.8" size="sm">
        Nenhum certificado: escolha o ZIP do Banco Inter ao abrir a conta.
      </Text>
    ) : (
      <Text span c="dimmed" size="sm">
        Não é usado sem a integração direta.
      </Text>
    );
  }
  const until = formatDate(certificate.notAfter) || certificate.notAfter;
  const main = `Válido até ${until} (${daysLeftText(certificate).toLowerCase()})`;
  switch (certificate.status) {
    case 'expiring':
      return (
        <Stack gap={2}>
          <Text span c="orange.8" fw={600} size="sm" data-certificate="expiring">
            <IconAlertTriangle size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} /> {main}
          </Text>
          {certificate.message && <Text size="sm" c="orange.8">{certificate.message}</Text>}
        </Stack>
      );
    case 'expired':
    case 'not_yet_valid':
      return (
        <Stack gap={2}>
          <Text span c="red.8" fw={600} size="sm" data-certificate={certificate.status}>
            {certificate.status === 'expired' ? `Vencido em ${until}` : `Só vale a partir de ${formatDate(certificate.notBefore)}`}
          </Text>
          {certificate.message && <Text size="sm" c="red.8">{certificate.message}</Text>}
        </Stack>
      );
    default:
      return (
        <Text span size="sm" data-certificate="ok">
          {main}
        </Text>
      );
  }
}

interface EmptyAccountsProps {
  onUseDemo: () => void;
  creatingDemo: boolean;
}

/** No account yet: the two ways to start. */
export function EmptyAccounts({ onUseDemo, creatingDemo }: EmptyAccountsProps) {
  const headingId = useId();
  return (
    <Stack gap="md" maw={960} component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Nenhuma conta bancária cadastrada
      </Title>
      <Text>Para emitir boletos, o programa precisa de uma conta. Escolha como começar:</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <StartOption
          icon={IconFlask}
          title="Conhecer o programa primeiro"
          action={
            <Button variant="light" color="yellow" c="dark.9" onClick={onUseDemo} loading={creatingDemo}>
              Usar a conta de demonstração
            </Button>
          }
        >
          A conta de demonstração usa um Banco Inter simulado dentro deste computador. Você emite,
          imprime e vê boletos serem pagos sem certificado e sem risco: nada chega ao banco, e tudo
          aparece marcado como simulação.
        </StartOption>
        <StartOption
          icon={IconBuildingBank}
          title="Emitir boletos de verdade"
          action={
            <Button component={Link} to="/contas/nova">
              Cadastrar conta do Banco Inter
            </Button>
          }
        >
          Cadastre a conta PJ do Banco Inter com a integração direta. Tenha em mãos o arquivo ZIP com
          o certificado e a chave, o client id e o client secret que o Internet Banking do Inter gera;
          o cadastro mostra o passo a passo.
        </StartOption>
      </SimpleGrid>
    </Stack>
  );
}

interface StartOptionProps {
  icon: Icon;
  title: string;
  /** What this way of starting means, in a sentence or two. */
  children: ReactNode;
  action: ReactNode;
}

/** One way to start, as a card: icon and title, what it means, and the button that takes it. */
function StartOption({ icon: OptionIcon, title, children, action }: StartOptionProps) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" h="100%" justify="space-between">
        <div>
          <Group gap="xs" mb="xs">
            <OptionIcon size={20} aria-hidden="true" />
            <Title order={3} size="h4">
              {title}
            </Title>
          </Group>
          <Text size="sm">{children}</Text>
        </div>
        {action}
      </Stack>
    </Paper>
  );
}

/** The error of a failed load, with a way to try again. */
export function LoadError({ message, onRetry, title }: { message: string; onRetry: () => void; title: string }) {
  return (
    <RetryAlert title={title} message={message} onRetry={onRetry} maw={720} />
  );
}
