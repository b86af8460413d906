import { Alert, Badge, DataList, Group, Paper, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCertificate, IconCircleX } from '@tabler/icons-react';
import { useId } from 'react';
import type { CertificateView } from '../../lib/backend';
import { formatDate } from '../../lib/format';
import { RENEWAL_PATH } from './labels';

interface CertificateCardProps {
  certificate: CertificateView;
  /** The card's heading, e.g. "Certificado escolhido" or "Certificado atual". */
  title: string;
}

/** What a certificate says about itself and how long it still works. */
export function CertificateCard({ certificate, title }: CertificateCardProps) {
  const headingId = useId();
  const look = certificateLook(certificate);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-status={certificate.status}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap="xs">
          <IconCertificate size={20} aria-hidden="true" />
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
        </Group>
        <Badge color={look.color} variant="light">
          {look.badge}
        </Badge>
      </Group>
      <DataList labelWidth={170}>
        <DataList.Item>
          <DataList.ItemLabel>Titular</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{certificate.subject}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Emitido por</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{certificate.issuer}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Número de série</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{certificate.serial}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Válido a partir de</DataList.ItemLabel>
          <DataList.ItemValue>{formatDate(certificate.notBefore) || certificate.notBefore}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Válido até</DataList.ItemLabel>
          <DataList.ItemValue>{formatDate(certificate.notAfter) || certificate.notAfter}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Prazo</DataList.ItemLabel>
          <DataList.ItemValue>
            <Text span c={look.textColor} fw={look.textColor ? 600 : undefined} size="sm">
              {daysLeftText(certificate)}
            </Text>
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <CertificateWarning certificate={certificate} />
    </Paper>
  );
}

/** The warning or refusal under a certificate that is not simply valid. */
function CertificateWarning({ certificate }: { certificate: CertificateView }) {
  switch (certificate.status) {
    case 'expiring':
      return (
        <Alert mt="md" color="orange" title="O certificado vence em breve" icon={<IconAlertTriangle aria-hidden="true" />}>
          {/* The backend's message already says how to renew; ours stands in when it is empty. */}
          <Text size="sm">{certificate.message || `Faltam ${certificate.daysLeft} dias para o vencimento. ${RENEWAL_PATH}`}</Text>
        </Alert>
      );
    case 'expired':
      return (
        <Alert mt="md" color="red" title="Certificado vencido: não pode ser usado" icon={<IconCircleX aria-hidden="true" />}>
          <Text size="sm">
            {certificate.message || `O Banco Inter recusa conexões com um certificado vencido. ${RENEWAL_PATH}`}
          </Text>
        </Alert>
      );
    case 'not_yet_valid':
      return (
        <Alert mt="md" color="red" title="Certificado ainda não vale" icon={<IconCircleX aria-hidden="true" />}>
          <Text size="sm">
            {certificate.message ||
              `Ele só passa a valer em ${formatDate(certificate.notBefore)}. Confira a data e a hora deste computador.`}
          </Text>
        </Alert>
      );
    default:
      return null;
  }
}

interface Look {
  badge: string;
  color: string;
  textColor?: string;
}

export function certificateLook(certificate: CertificateView): Look {
  switch (certificate.status) {
    case 'expiring':
      return { badge: 'Vence em breve', color: 'orange', textColor: 'orange.8' };
    case 'expired':
      return { badge: 'Vencido', color: 'red', textColor: 'red.8' };
    case 'not_yet_valid':
      return { badge: 'Ainda não vale', color: 'red', textColor: 'red.8' };
    default:
      return { badge: 'Válido', color: 'green' };
  }
}

/** "Faltam 245 dias", "Vence hoje", "Venceu há 3 dias"… */
export function daysLeftText(certificate: Pick<CertificateView, 'daysLeft' | 'status'>): string {
  const days = certificate.daysLeft;
  if (certificate.status === 'not_yet_valid') return 'Ainda não começou a valer';
  if (certificate.status === 'expired' && days >= 0) return 'Venceu hoje';
  if (days > 1) return `Faltam ${days} dias`;
  if (days === 1) return 'Falta 1 dia';
  if (days === 0) return 'Vence hoje';
  if (days === -1) return 'Venceu há 1 dia';
  return `Venceu há ${-days} dias`;
}
