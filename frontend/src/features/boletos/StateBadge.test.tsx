import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StateBadge } from './StateBadge';
import { STATE_LABELS } from './states';

describe('StateBadge', () => {
  it('writes out the pt-BR label of each of the 12 states, with an icon or spinner, distinct in grey-scale', () => {
    const states = Object.keys(STATE_LABELS);
    expect(states).toHaveLength(12);
    render(
      <MantineProvider>
        {states.map((s) => (
          <StateBadge key={s} state={s} />
        ))}
      </MantineProvider>,
    );
    const looks = new Set<string>();
    for (const [state, label] of Object.entries(STATE_LABELS)) {
      const badge = screen.getByText(label).closest('[data-state]') as HTMLElement;
      expect(badge).toHaveAttribute('data-state', state);
      // Something besides colour: a tabler icon (svg) or a spinner.
      const icon = badge.querySelector('svg, .mantine-Loader-root');
      expect(icon, `${state} has no icon`).not.toBeNull();
      looks.add(`${badge.getAttribute('data-variant')}|${icon!.getAttribute('class')}`);
    }
    // Without colour and label, only "Enviando" and "Em processamento" look alike (both move).
    expect(looks.size).toBe(11);
  });

  it('strikes through Cancelado and prefers the label the backend sent', () => {
    render(
      <MantineProvider>
        <StateBadge state="cancelled" />
        <StateBadge state="paid" label="Liquidado (Pix)" />
        <StateBadge state="novo_estado" />
      </MantineProvider>,
    );
    expect(screen.getByText('Cancelado')).toHaveStyle({ textDecoration: 'line-through' });
    expect(screen.getByText('Liquidado (Pix)')).toBeInTheDocument();
    expect(screen.getByText('novo_estado')).toBeInTheDocument();
  });
});
