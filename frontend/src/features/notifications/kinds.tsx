import { IconAlertCircle, IconBell, IconCash, IconCertificate, IconCloudOff } from '@tabler/icons-react';
import type { ComponentType } from 'react';

interface KindLook {
  label: string;
  color: string;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean | 'true' }>;
}

const KINDS: Record<string, KindLook> = {
  paid: { label: 'Pagamento', color: 'green', icon: IconCash },
  issue_failed: { label: 'Falha na emissão', color: 'red', icon: IconAlertCircle },
  certificate_expiring: { label: 'Certificado', color: 'orange', icon: IconCertificate },
  certificate_expired: { label: 'Certificado', color: 'red', icon: IconCertificate },
  sync_failing: { label: 'Consulta ao banco', color: 'yellow', icon: IconCloudOff },
};

const OTHER: KindLook = { label: 'Aviso', color: 'blue', icon: IconBell };

/** How a notification kind looks: its pt-BR label, colour and icon. */
export function kindLook(kind: string): KindLook {
  return KINDS[kind] ?? OTHER;
}
