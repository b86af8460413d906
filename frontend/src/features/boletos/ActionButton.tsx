import { Button, Tooltip, VisuallyHidden, type ButtonProps } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export interface ActionButtonProps extends ButtonProps {
  children: ReactNode;
  onClick?: () => void;
  /**
   * Why the action does not apply now. When set the button looks disabled, does nothing, and
   * says why in a tooltip (mouse and keyboard focus) and in its accessible description. It
   * stays focusable on purpose: a truly disabled button could not show the tooltip.
   */
  disabledReason?: string;
}

/** A button that explains itself when it cannot be used. */
export function ActionButton({ disabledReason, onClick, children, ...rest }: ActionButtonProps) {
  const reasonId = useId();
  const blocked = Boolean(disabledReason);
  // One tree whether blocked or not, so the button keeps its focus when the reason comes or goes.
  return (
    <>
      <Tooltip label={disabledReason ?? ''} disabled={!blocked} multiline maw={320} withArrow>
        <Button
          {...rest}
          data-disabled={blocked || undefined}
          aria-disabled={blocked || undefined}
          aria-describedby={blocked ? reasonId : undefined}
          onClick={(event) => {
            if (blocked) event.preventDefault();
            else onClick?.();
          }}
        >
          {children}
        </Button>
      </Tooltip>
      {blocked && <VisuallyHidden id={reasonId}>{disabledReason}</VisuallyHidden>}
    </>
  );
}
