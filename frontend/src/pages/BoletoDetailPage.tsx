import { Alert, Anchor, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Page } from '../components/Page';
import { LoadFailure } from '../components/LoadFailure';
import {
  BankSection,
  ChargesSection,
  Notes,
  PaidSection,
  PayerSection,
  PaymentCodes,
  TimelineSection,
} from '../features/boletos/detail/BoletoSections';
import { DetailActions } from '../features/boletos/detail/DetailActions';
import { useBoletoDetail } from '../features/boletos/detail/useBoletoDetail';
import { PrintMenu } from '../features/boletos/PrintMenu';
import { StateBadge } from '../features/boletos/StateBadge';
import type { BoletoDetail } from '../lib/backend';
import { formatCents, formatDate } from '../lib/format';
import { MailHistory } from '../features/mail';

/** #/boletos/:id — everything about one boleto, kept up to date while it is open. */
export function BoletoDetailPage() {
  const id = useBoletoId();
  const { state, reload, replace, justIssued, dismissIssued } = useBoletoDetail(id);
  const title = state.status === 'ready' ? `Boleto ${state.detail.row.seuNumero}` : 'Boleto';

  return (
    <Page title={title}>
      <BackToList />
      {state.status === 'loading' && <Loader aria-label="Carregando o boleto" />}
      {state.status === 'error' && (
        <LoadFailure error={state.error} notFoundTitle="Boleto não encontrado" errorTitle="Não foi possível carregar o boleto" onRetry={reload} />
      )}
      {state.status === 'ready' && (
        <Stack gap="lg">
          <Header detail={state.detail} />
          {justIssued && state.detail.row.state === 'issued' && (
            <IssuedCallToAction id={state.detail.row.id} onDismiss={dismissIssued} />
          )}
          <DetailActions detail={state.detail} onChanged={replace} reload={reload} />
          <Notes detail={state.detail} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="lg">
                <PaymentCodes detail={state.detail} />
                <PaidSection detail={state.detail} />
                <ChargesSection detail={state.detail} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                <PayerSection detail={state.detail} />
                <BankSection detail={state.detail} />
                <TimelineSection detail={state.detail} />
                <MailHistory boletoId={state.detail.row.id} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </Page>
  );
}

function Header({ detail }: { detail: BoletoDetail }) {
  const { row } = detail;
  return (
    <Group gap="lg" align="center" wrap="wrap">
      <StateBadge state={row.state} label={row.stateLabel} size="xl" />
      <Text fz={28} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} aria-label={`Valor ${formatCents(row.amountCents)}`}>
        {formatCents(row.amountCents)}
      </Text>
      <Text c="dimmed">
        {row.dueDate ? `vence em ${formatDate(row.dueDate)}` : 'sem vencimento'} · {row.payerName || 'sem pagador'}
      </Text>
    </Group>
  );
}

/** "Print after issuing": the boleto just became Emitido while the clerk watched. */
function IssuedCallToAction({ id, onDismiss }: { id: number; onDismiss: () => void }) {
  return (
    <Alert
      color="green"
      variant="light"
      icon={<IconCircleCheck aria-hidden="true" />}
      title="Boleto emitido"
      withCloseButton
      closeButtonLabel="Fechar aviso"
      onClose={onDismiss}
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm">O banco registrou o boleto. Imprima ou salve o PDF para entregar ao pagador.</Text>
        <PrintMenu ids={[id]} actions={['print', 'save']} primaryVariant="filled" size="md" />
      </Stack>
    </Alert>
  );
}

function BackToList() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return (
    <Anchor component={Link} to={from ? `/boletos${from}` : '/boletos'} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        Voltar aos boletos
      </Group>
    </Anchor>
  );
}

function useBoletoId(): number {
  const { id } = useParams();
  const n = Number(id);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
