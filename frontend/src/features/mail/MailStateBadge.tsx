import { Badge, Loader, type MantineColor } from '@mantine/core';
import { IconCheck, IconClock, IconX, type Icon } from '@tabler/icons-react';
import { isMailState, MAIL_STATE_LABELS, type MailState } from './labels';

// Each state has its own icon, fill and written label: it reads the same in grey-scale.
const LOOKS: Record<MailState, { color: MantineColor; variant: 'filled' | 'light' | 'outline'; icon: Icon | 'spinner' }> = {
  queued: { color: 'indigo', variant: 'light', icon: IconClock },
  sending: { color: 'indigo', variant: 'outline', icon: 'spinner' },
  sent: { color: 'green', variant: 'filled', icon: IconCheck },
  failed: { color: 'red', variant: 'outline', icon: IconX },
};

/** The situação of one e-mail: "Na fila", "Enviando", "Enviado" or "Não enviado". */
export function MailStateBadge({ state }: { state: string }) {
  const look = isMailState(state) ? LOOKS[state] : { color: 'gray', variant: 'outline' as const, icon: IconClock };
  const label = isMailState(state) ? MAIL_STATE_LABELS[state] : state;
  return (
    <Badge
      color={look.color}
      variant={look.variant}
      data-mail-state={state}
      leftSection={
        look.icon === 'spinner' ? (
          <Loader size={10} color={look.color} aria-hidden="true" />
        ) : (
          <look.icon size={12} stroke={2.25} aria-hidden="true" />
        )
      }
      styles={{ label: { textTransform: 'none' } }}
    >
      {label}
    </Badge>
  );
}
