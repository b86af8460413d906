import { Alert, Anchor, DataList, Group, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconBarcode, IconInfoCircle, IconQrcode } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { BoletoDetail } from '../../../lib/backend';
import { formatCents, formatCEP, formatDate } from '../../../lib/format';
import { CopyField } from '../CopyField';
import { channelLabel, formatDateTime, rawLinha } from '../format';
import { ProblemList } from '../ProblemList';
import { documentTitle } from '../../documents/labels';
import { IN_FLIGHT_STATES } from '../states';

const NUMERIC = { fontVariantNumeric: 'tabular-nums' } as const;

/** A titled block of the detail; `label` names it for assistive technology and tests. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** Linha digitável and Pix copia e cola, each with "Copiar"; or why they are not there yet. */
export function PaymentCodes({ detail }: { detail: BoletoDetail }) {
  const { linhaDigitavel, pixCopiaECola } = detail;
  if (!linhaDigitavel && !pixCopiaECola) {
    const state = detail.row.state;
    const why = IN_FLIGHT_STATES.includes(state)
      ? 'A linha digitável e o Pix aparecem aqui assim que o banco terminar de registrar o boleto. Esta página se atualiza sozinha.'
      : state === 'draft' || state === 'failed'
        ? 'A linha digitável e o Pix são gerados pelo banco quando o boleto é emitido.'
        : 'Este boleto não tem linha digitável nem Pix.';
    return (
      <Section title="Para pagar">
        <Text size="sm" c="dimmed">
          {why}
        </Text>
      </Section>
    );
  }
  return (
    <Section title="Para pagar">
      <Stack gap="md">
        {linhaDigitavel && (
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <IconBarcode size={22} aria-hidden="true" style={{ marginTop: 24, flex: 'none' }} />
            <div style={{ flex: 1 }}>
              <CopyField
                label="Linha digitável"
                display={linhaDigitavel}
                value={rawLinha(linhaDigitavel)}
                copyLabel="Copiar a linha digitável"
              />
            </div>
          </Group>
        )}
        {pixCopiaECola && (
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <IconQrcode size={22} aria-hidden="true" style={{ marginTop: 24, flex: 'none' }} />
            <div style={{ flex: 1 }}>
              <CopyField
                label="Pix copia e cola"
                display={pixCopiaECola}
                value={pixCopiaECola}
                copyLabel="Copiar o Pix copia e cola"
                breakAll
              />
            </div>
          </Group>
        )}
      </Stack>
    </Section>
  );
}

export function PayerSection({ detail }: { detail: BoletoDetail }) {
  const p = detail.payer;
  const street = [p.address, p.number, p.complement].filter(Boolean).join(', ');
  const place = [p.district, [p.city, p.uf].filter(Boolean).join('/'), p.cep ? `CEP ${formatCEP(p.cep)}` : '']
    .filter(Boolean)
    .join(' · ');
  const fb = detail.finalBeneficiary;
  return (
    <Section title="Pagador">
      <Stack gap={2}>
        <Text fw={600}>
          {detail.payerId > 0 ? (
            <Anchor component={Link} to="/pagadores" inherit>
              {p.name || '—'}
            </Anchor>
          ) : (
            p.name || '—'
          )}
        </Text>
        {detail.row.payerDocument && (
          <Text size="sm" style={NUMERIC}>
            {detail.row.payerDocument}
          </Text>
        )}
        {street && <Text size="sm">{street}</Text>}
        {place && <Text size="sm">{place}</Text>}
        {(p.email || p.phone) && (
          <Text size="sm" c="dimmed">
            {[p.email, p.phone ? `(${p.ddd}) ${p.phone}` : ''].filter(Boolean).join(' · ')}
          </Text>
        )}
      </Stack>
      {fb && fb.name && (
        <Text size="sm" mt="sm">
          <strong>Beneficiário final:</strong> {fb.name}
        </Text>
      )}
    </Section>
  );
}

/** Conta, nosso número, código da solicitação, dates and the bank's own situation. */
export function BankSection({ detail }: { detail: BoletoDetail }) {
  return (
    <Section title="Dados do boleto">
      <DataList labelWidth={170}>
        {detail.document && (
          <Item label="Origem">
            <Anchor component={Link} to={`/documentos/${detail.document.id}`} aria-label={`Origem: ${documentTitle(detail.document)}`}>
              {documentTitle(detail.document)}
            </Anchor>
          </Item>
        )}
        <Item label="Conta">{detail.accountName}</Item>
        <Item label="Seu número">{detail.row.seuNumero || '—'}</Item>
        {detail.row.nossoNumero && <Item label="Nosso número">{detail.row.nossoNumero}</Item>}
        {detail.codigoSolicitacao && (
          <Item label="Código da solicitação">
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {detail.codigoSolicitacao}
            </Text>
          </Item>
        )}
        {detail.issueDate && <Item label="Emissão">{formatDate(detail.issueDate)}</Item>}
        <Item label="Vencimento">{formatDate(detail.row.dueDate) || '—'}</Item>
        <Item label="Valor">{formatCents(detail.row.amountCents)}</Item>
        {detail.row.installment && <Item label="Parcela">{detail.row.installment}</Item>}
        {detail.bankSituation && <Item label="Situação no banco">{detail.bankSituation}</Item>}
      </DataList>
    </Section>
  );
}

/** Pago em, valor pago and the channel, when the boleto was paid. */
export function PaidSection({ detail }: { detail: BoletoDetail }) {
  const r = detail.row;
  if (!r.paidDate && !r.paidAmountCents) return null;
  return (
    <Section title="Pagamento">
      <DataList labelWidth={170}>
        <Item label="Pago em">{formatDate(r.paidDate) || '—'}</Item>
        <Item label="Valor pago">{formatCents(r.paidAmountCents)}</Item>
        {channelLabel(r.paidChannel) && <Item label="Pago por">{channelLabel(r.paidChannel)}</Item>}
      </DataList>
    </Section>
  );
}

/** What blocks a draft, why the emission failed, why it was cancelled, what replaced what. */
export function Notes({ detail }: { detail: BoletoDetail }) {
  const { row, problems, failureReason, cancelReason, replacesId, replacedById } = detail;
  const attention = row.attention ?? [];
  return (
    <>
      {attention.length > 0 && (
        <Alert color="orange" variant="light" title="Atenção" icon={<IconInfoCircle aria-hidden="true" />}>
          <Stack gap={4}>
            {attention.map((a) => (
              <Text size="sm" key={a}>
                {a}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {row.state === 'failed' && (
        <Alert color="red" variant="light" title="O banco não emitiu este boleto">
          <Stack gap="xs">
            {failureReason && <Text size="sm">{failureReason}</Text>}
            {problems.length > 0 && <ProblemList problems={problems} label="Problemas apontados pelo banco" />}
            <Text size="sm">Corrija o que o banco apontou em “Editar” e emita de novo.</Text>
          </Stack>
        </Alert>
      )}
      {row.state === 'draft' && problems.length > 0 && (
        <Alert
          color={problems.every((p) => p.warning) ? 'yellow' : 'orange'}
          variant="light"
          title={problems.every((p) => p.warning) ? 'Confira antes de emitir' : 'Falta corrigir para emitir'}
        >
          <ProblemList problems={problems} label="Problemas do rascunho" />
        </Alert>
      )}
      {cancelReason && (
        <Alert color="gray" variant="light" title="Motivo do cancelamento">
          {cancelReason}
        </Alert>
      )}
      {(replacesId > 0 || replacedById > 0) && (
        <Alert color="blue" variant="light" title="Substituição">
          <Stack gap={4}>
            {replacesId > 0 && (
              <Text size="sm">
                Este boleto substitui{' '}
                <Anchor component={Link} to={`/boletos/${replacesId}`}>
                  o boleto anterior
                </Anchor>
                .
              </Text>
            )}
            {replacedById > 0 && (
              <Text size="sm">
                Este boleto foi substituído por{' '}
                <Anchor component={Link} to={`/boletos/${replacedById}`}>
                  um novo boleto
                </Anchor>
                .
              </Text>
            )}
          </Stack>
        </Alert>
      )}
    </>
  );
}

/** The charges in words and what the payer owes on the dates that matter. */
export function ChargesSection({ detail }: { detail: BoletoDetail }) {
  const instructions = detail.instructions ?? [];
  const rows = detail.amountDue ?? [];
  if (instructions.length === 0 && rows.length === 0) return null;
  return (
    <Section title="Encargos e valor a pagar">
      <Stack gap="sm">
        {instructions.length > 0 && (
          <Stack gap={2}>
            {instructions.map((line) => (
              <Text size="sm" key={line}>
                {line}
              </Text>
            ))}
          </Stack>
        )}
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label="Valor a pagar por data" verticalSpacing={4} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Pagando em</Table.Th>
                  <Table.Th ta="right">Desconto</Table.Th>
                  <Table.Th ta="right">Multa</Table.Th>
                  <Table.Th ta="right">Juros</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.date}-${r.label}`} c={r.expired ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" style={NUMERIC}>
                        {formatDate(r.date)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.label}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={NUMERIC}>
                      {r.discountCents ? `− ${formatCents(r.discountCents)}` : '—'}
                    </Table.Td>
                    <Table.Td ta="right" style={NUMERIC}>
                      {r.fineCents ? formatCents(r.fineCents) : '—'}
                    </Table.Td>
                    <Table.Td ta="right" style={NUMERIC}>
                      {r.interestCents ? formatCents(r.interestCents) : '—'}
                    </Table.Td>
                    <Table.Td ta="right" style={NUMERIC} fw={600}>
                      {r.expired ? 'Não aceito pelo banco' : formatCents(r.totalCents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Section>
  );
}

/** The boleto's history, oldest first, in São Paulo time. */
export function TimelineSection({ detail }: { detail: BoletoDetail }) {
  const entries = detail.timeline ?? [];
  if (entries.length === 0) return null;
  return (
    <Section title="Histórico">
      <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2}>
        {entries.map((e, i) => (
          <Timeline.Item key={`${e.at}-${i}`} title={e.stateLabel || e.kind}>
            <Text size="xs" c="dimmed" style={NUMERIC}>
              {formatDateTime(e.at)}
            </Text>
            {e.message && <Text size="sm">{e.message}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
