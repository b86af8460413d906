import { Badge, Loader, type BadgeProps, type MantineColor } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBan,
  IconCheck,
  IconClock,
  IconClockX,
  IconFileInvoice,
  IconGavel,
  IconHourglassOff,
  IconPencil,
  IconX,
  type Icon,
} from '@tabler/icons-react';
import { isBoletoState, STATE_LABELS, type BoletoState } from './states';

interface StateLook {
  color: MantineColor;
  variant: 'filled' | 'light' | 'outline';
  /** An icon, or 'spinner' for the states that are moving on their own. */
  icon: Icon | 'spinner';
  struck?: boolean;
}

// Colour, fill and icon differ from state to state, and the label is always written out, so
// the badge reads the same in grey-scale, printed, or for someone who does not see colour.
const LOOKS: Record<BoletoState, StateLook> = {
  draft: { color: 'gray', variant: 'light', icon: IconPencil },
  queued: { color: 'indigo', variant: 'light', icon: IconClock },
  sending: { color: 'indigo', variant: 'outline', icon: 'spinner' },
  processing: { color: 'cyan', variant: 'outline', icon: 'spinner' },
  issued: { color: 'blue', variant: 'light', icon: IconFileInvoice },
  overdue: { color: 'red', variant: 'light', icon: IconAlertTriangle },
  paid: { color: 'green', variant: 'filled', icon: IconCheck },
  cancel_requested: { color: 'orange', variant: 'outline', icon: IconClockX },
  cancelled: { color: 'gray', variant: 'outline', icon: IconBan, struck: true },
  expired: { color: 'dark', variant: 'light', icon: IconHourglassOff },
  failed: { color: 'red', variant: 'outline', icon: IconX },
  protested: { color: 'grape', variant: 'filled', icon: IconGavel },
};

interface StateBadgeProps extends Omit<BadgeProps, 'children' | 'color' | 'variant' | 'leftSection'> {
  /** The state code ("draft", "issued", …). */
  state: string;
  /** The label the backend sent; the built-in pt-BR label when omitted. */
  label?: string;
}

/** The situação of a boleto: coloured, with its own icon and its pt-BR label. */
export function StateBadge({ state, label, size = 'md', ...rest }: StateBadgeProps) {
  const known = isBoletoState(state);
  const look: StateLook = known ? LOOKS[state] : { color: 'gray', variant: 'outline', icon: IconClock };
  const text = label || (known ? STATE_LABELS[state] : state);
  const iconSize = size === 'xs' || size === 'sm' ? 12 : 14;
  const icon =
    look.icon === 'spinner' ? (
      <Loader size={iconSize - 2} color={look.color} aria-hidden="true" />
    ) : (
      <look.icon size={iconSize} stroke={2.25} aria-hidden="true" />
    );
  return (
    <Badge
      {...rest}
      size={size}
      color={look.color}
      variant={look.variant}
      leftSection={icon}
      data-state={state}
      styles={{ label: { textTransform: 'none', textDecoration: look.struck ? 'line-through' : undefined } }}
    >
      {text}
    </Badge>
  );
}
